using System.Globalization;
using System.Runtime.InteropServices;
using AmiOrchestrator.Simulator;

// The standalone simulated region:
//   dotnet run --project src/Simulator -- --urls http://127.0.0.1:4566 --fixtures deploy/simulator/example.json --clock-speed 10
string url = "http://127.0.0.1:4566";
string? fixturesPath = null;
double clockSpeed = 1;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--urls" when value is not null:
            url = value;
            i++;
            break;
        case "--fixtures" when value is not null:
            fixturesPath = value;
            i++;
            break;
        case "--clock-speed" when value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed):
            clockSpeed = speed;
            i++;
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
            Console.Error.WriteLine("Usage: AmiOrchestrator.Simulator [--urls http://127.0.0.1:4566] [--fixtures FILE] [--clock-speed N]");
            return 2;
    }
}

var fixtures = fixturesPath is null ? null : SimulatorFixtures.Load(fixturesPath);
await using var simulator = await SimulatedAws.StartAsync(new SimulatorOptions { Url = url, Fixtures = fixtures });
if (clockSpeed != 1)
    simulator.Control.SetClockSpeed(clockSpeed);

var account = SimulatedAccount.Default;
Console.WriteLine($"Simulated AWS listening on {simulator.Endpoint} (clock speed {clockSpeed.ToString(CultureInfo.InvariantCulture)}x)");
Console.WriteLine($"Credentials: AWS_ACCESS_KEY_ID={account.AccessKeyId} AWS_SECRET_ACCESS_KEY={account.SecretAccessKey}");
Console.WriteLine("Press Ctrl+C to stop.");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(
    PosixSignal.SIGTERM,
    context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });
try
{
    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}
return 0;
