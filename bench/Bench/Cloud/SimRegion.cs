using AmiOrchestrator.Aws;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Bench.Cloud;

/// <summary>
/// The simulated region a scenario deploys into, served over real HTTP on a loopback port, and the engine's AWS client
/// settings for it. With <c>awsLimits</c> the simulator throttles like AWS and the client keeps its default call
/// budget; without, both are lifted, so that what is measured is the engine and not a quota a real account would raise.
/// </summary>
internal sealed class SimRegion : IAsyncDisposable
{
    private SimRegion(SimulatedAws simulator, AwsOptions aws, TimeProvider clock)
    {
        Simulator = simulator;
        Aws = aws;
        Clock = clock;
    }

    public SimulatedAws Simulator { get; }

    public SimulatorControl Control => Simulator.Control;

    public Uri Endpoint => Simulator.Endpoint;

    /// <summary>The client settings a node (in this process or a child) uses against this region.</summary>
    public AwsOptions Aws { get; }

    public TimeProvider Clock { get; }

    public static async Task<SimRegion> StartAsync(
        SimulatorFixtures fixtures, TimeProvider clock, bool awsLimits, int requestLogCapacity)
    {
        var simulator = await SimulatedAws.StartAsync(new SimulatorOptions
        {
            Clock = clock,
            Fixtures = fixtures,
            RateLimiting = awsLimits,
            RequestLogCapacity = requestLogCapacity,
        });
        return new SimRegion(simulator, ClientOptions(simulator.Endpoint, awsLimits), clock);
    }

    /// <summary>The engine's AWS client pointed at a simulator, with the default call budget or one nothing reaches.</summary>
    public static AwsOptions ClientOptions(Uri endpoint, bool awsLimits) => new()
    {
        EndpointUrl = endpoint,
        AccessKeyId = SimulatedAccount.Default.AccessKeyId,
        SecretAccessKey = SimulatedAccount.Default.SecretAccessKey,
        RateLimit = awsLimits
            ? new RateLimitOptions()
            : new RateLimitOptions { RequestsPerSecond = 1_000_000, Burst = 1_000_000, Services = new Dictionary<string, ServiceBudget>() },
    };

    public AwsCloudProvider Provider(TimeProvider clock) => new(Aws, clock);

    public async ValueTask DisposeAsync() => await Simulator.DisposeAsync();
}
