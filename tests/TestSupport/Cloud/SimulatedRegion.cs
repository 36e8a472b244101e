using AmiOrchestrator.Aws;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Simulator;
using AmiOrchestrator.Steps;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmiOrchestrator.TestSupport.Cloud;

/// <summary>
/// <see cref="WebRegion"/> served by the simulator over real HTTP on a free loopback port, our AWS client pointed at it,
/// and a step executor on top: the same code path production uses, against a region a test can read back. Given a
/// running clock (a scaled one), the simulator, the client and the executor share it, so the steps' deadlines and the
/// simulated boot times agree. Given a fake clock, only the simulator stands on it (nothing boots or drains unless the
/// test moves it), while the client and executor run on the system clock: their call budget and back-offs must
/// never wait on a clock nobody moves.
/// </summary>
public sealed class SimulatedRegion : IAsyncDisposable
{
    private readonly HttpClient http = new();

    private SimulatedRegion(TimeProvider clock, SimulatedAws simulator, AwsCloudProvider provider, StepExecutorOptions? options)
    {
        Clock = clock;
        Simulator = simulator;
        Provider = provider;
        Cloud = provider.For(new CloudTarget(WebRegion.Region, null));
        Executor = new StepExecutor(
            provider,
            http,
            clock,
            NullLogger<StepExecutor>.Instance,
            options ?? new StepExecutorOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(50), RetryMaxDelay = TimeSpan.FromSeconds(1) },
            new Random(7));
    }

    /// <summary>The engine's clock: the client's, the executor's and the deadlines'.</summary>
    public TimeProvider Clock { get; }

    public SimulatedAws Simulator { get; }

    public SimulatorControl Control => Simulator.Control;

    public AwsCloudProvider Provider { get; }

    /// <summary>The region as the engine sees it; tests read the simulator's state back through it.</summary>
    public ICloud Cloud { get; }

    public StepExecutor Executor { get; }

    public static async Task<SimulatedRegion> StartAsync(
        TimeProvider clock, string fixtures = WebRegion.Fixtures, StepExecutorOptions? options = null, int requestLogCapacity = 10_000)
    {
        var engineClock = clock is Microsoft.Extensions.Time.Testing.FakeTimeProvider ? TimeProvider.System : clock;
        var simulator = await SimulatedAws.StartAsync(new SimulatorOptions
        {
            Clock = clock,
            Fixtures = SimulatorFixtures.FromJson(fixtures),
            // AWS's rate limits refill with the simulated clock: on a fake clock nobody moves they would never refill.
            RateLimiting = clock is not Microsoft.Extensions.Time.Testing.FakeTimeProvider,
            RequestLogCapacity = requestLogCapacity,
        });
        var provider = new AwsCloudProvider(
            new AwsOptions
            {
                EndpointUrl = simulator.Endpoint,
                AccessKeyId = SimulatedAccount.Default.AccessKeyId,
                SecretAccessKey = SimulatedAccount.Default.SecretAccessKey,
                Retry = new RetryOptions
                {
                    BaseDelay = TimeSpan.FromMilliseconds(10),
                    ThrottlingBaseDelay = TimeSpan.FromMilliseconds(20),
                    MaxDelay = TimeSpan.FromMilliseconds(200),
                },
            },
            engineClock);
        return new SimulatedRegion(engineClock, simulator, provider, options);
    }

    /// <summary>Runs <paramref name="action"/> as a step of deployment <paramref name="deploymentId"/> started now, with a deadline of <paramref name="within"/>.</summary>
    public Task<DeploymentInput.StepOutcome> RunAsync(
        StepAction action, string deploymentId = "dep-1", DeploymentSpec? spec = null, TimeSpan? within = null, int highestRevisionEver = 0)
    {
        var now = Clock.GetUtcNow();
        var step = PlannedStep.Create(deploymentId, "test", StepStage.Deploy, 1, action);
        var started = new StepStarted(step, now + (within ?? TimeSpan.FromMinutes(10)), now);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return Executor.RunAsync(new StepRequest(deploymentId, spec ?? WebSpecs.Basic(), highestRevisionEver, started), timeout.Token);
    }

    public async Task<AsgDescription?> GroupAsync(string name) =>
        (await Cloud.DescribeAsgsAsync([name], CancellationToken.None)).FirstOrDefault(g => g.Name == name);

    public async Task<AsgDescription> ExistingGroupAsync(string name) =>
        await GroupAsync(name) ?? throw new InvalidOperationException($"group {name} does not exist");

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        http.Dispose();
        await Simulator.DisposeAsync();
    }
}
