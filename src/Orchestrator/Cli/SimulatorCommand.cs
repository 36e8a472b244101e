using System.CommandLine;
using System.Globalization;
using AmiOrchestrator.Orchestrator.Configuration;
using AmiOrchestrator.Orchestrator.Hosting;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>The simulated region alone, for nodes and AWS clients in other processes.</summary>
internal static class SimulatorCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (default http://127.0.0.1:4566).", HelpName = "URL", DefaultValueFactory = _ => "http://127.0.0.1:4566" };
        var fixtures = new Option<string?>("--fixtures") { Description = "The region to load (default: deploy/simulator/example.json, shipped with the executable).", HelpName = "FILE" };
        var speed = new Option<double?>("--clock-speed") { CustomParser = OptionValues.Speed, Description = "Simulated seconds per real second (default 1); give nodes that deploy here the same --clock-speed.", HelpName = "N" };
        var command = new Command("simulator", """
            Serve a simulated AWS region (Auto Scaling, EC2, ELB, CloudWatch, STS) over HTTP until stopped. Any AWS client
            can use it: keys AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY (deploy/simulator/README.md).
            A node or `run --cloud-endpoint` on another process keeps its own clock: give both the same --clock-speed, and
            durations agree (the absolute times of the two processes differ).

            Examples:
              ami-orchestrator simulator --urls http://127.0.0.1:4566 --fixtures deploy/simulator/example.json --clock-speed 10
              aws --endpoint-url http://127.0.0.1:4566 autoscaling describe-auto-scaling-groups
            """)
        {
            urls, fixtures, speed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var speedValue = parse.GetValue(speed) ?? 1;
            await using var simulator = await InProcessSimulator.StartAsync(
                parse.GetValue(fixtures) ?? NodeConfiguration.ShippedFixtures, TimeProvider.System, parse.GetValue(urls)!, cancellationToken);
            if (speedValue != 1)
                simulator.Control.SetClockSpeed(speedValue);
            var account = SimulatedAccount.Default;
            Console.Out.WriteLine($"Simulated AWS listening on {simulator.Endpoint} (clock speed {speedValue.ToString(CultureInfo.InvariantCulture)}x)");
            Console.Out.WriteLine($"Credentials: AWS_ACCESS_KEY_ID={account.AccessKeyId} AWS_SECRET_ACCESS_KEY={account.SecretAccessKey}");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Console.Out.WriteLine("Stopping.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
