using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Steps;
using AmiOrchestrator.Steps.Timing;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.TestSupport.Cloud;
using Microsoft.Extensions.DependencyInjection;

namespace AmiOrchestrator.Actors.Tests.Support;

/// <summary>
/// An engine node as production wires it, on a real SQLite file, deploying into the simulated region over HTTP through
/// our AWS client. Engine and simulator share one clock sped up <see cref="Speed"/> times, so a 20-second boot takes a
/// fraction of a second and every deadline keeps its meaning. The node can be stopped and a new one started on the same
/// database and region, as after a crash.
/// </summary>
internal sealed class DeploymentEngine : IAsyncDisposable
{
    public const double Speed = 50;

    private readonly ITestOutputHelper output;
    private readonly TestFolder folder;

    private DeploymentEngine(ITestOutputHelper output, TestFolder folder, SimulatedRegion region, EngineNode node)
    {
        this.output = output;
        this.folder = folder;
        Region = region;
        Node = node;
    }

    public SimulatedRegion Region { get; }

    public EngineNode Node { get; private set; }

    public string DatabasePath => folder.File("engine.db");

    public TestKitBase Kit => Node.Kit;

    public static async Task<DeploymentEngine> StartAsync(ITestOutputHelper output, string fixtures = WebRegion.Fixtures)
    {
        var folder = new TestFolder();
        var region = await SimulatedRegion.StartAsync(new ScaledTimeProvider(Speed), fixtures);
        var node = await StartNodeAsync(output, folder.File("engine.db"), region);
        return new DeploymentEngine(output, folder, region, node);
    }

    /// <summary>Stops the node (its actor system terminates) and starts a new one on the same database; nothing is sent to it.</summary>
    public async Task RestartAsync()
    {
        await Node.DisposeAsync();
        Node = await StartNodeAsync(output, DatabasePath, Region);
    }

    public IActorRef Deployments => Node.Deployments;

    /// <summary>Sends an input to a deployment through the region and returns its answer.</summary>
    public Task<CommandReply> SendAsync(string deploymentId, DeploymentInput input) =>
        Deployments.Ask<CommandReply>(new ShardingEnvelope(deploymentId, input), TimeSpan.FromSeconds(30));

    public Task<CommandReply> SubmitAsync(string deploymentId, DeploymentSpec spec) =>
        SendAsync(deploymentId, new DeploymentInput.Submit(deploymentId, WebSpecs.Valid(spec), "tester", Region.Clock.GetUtcNow()));

    public Task<DeploymentView> ViewAsync(string deploymentId) =>
        Deployments.Ask<DeploymentView>(new ShardingEnvelope(deploymentId, new DeploymentProtocol.GetView()), TimeSpan.FromSeconds(30));

    /// <summary>Watches the deployment until <paramref name="until"/> holds of a view it reports (its end by default), and returns that view.</summary>
    public DeploymentView Await(string deploymentId, Func<DeploymentView, bool>? until = null, TimeSpan? within = null)
    {
        until ??= view => view.HasEnded;
        var probe = Kit.CreateTestProbe();
        Deployments.Tell(new ShardingEnvelope(deploymentId, new DeploymentProtocol.Watch()), probe.Ref);
        var last = probe.FishForMessage<DeploymentView>(view => until(view), within ?? TimeSpan.FromSeconds(60));
        Deployments.Tell(new ShardingEnvelope(deploymentId, new DeploymentProtocol.Unwatch()), probe.Ref);
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Region.DisposeAsync();
        folder.Dispose();
    }

    private static Task<EngineNode> StartNodeAsync(ITestOutputHelper output, string databasePath, SimulatedRegion region) =>
        EngineNode.StartAsync(
            new PersistenceOptions { SqlitePath = databasePath, SnapshotEvery = 20 },
            output,
            region.Clock,
            services: services => services
                .AddLogging()
                .AddSingleton<ICloudProvider>(region.Provider)
                .AddAmiOrchestratorEngine(new StepExecutorOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(200), RetryMaxDelay = TimeSpan.FromSeconds(5) }),
            options: options => options with { LineageRetryInterval = TimeSpan.FromSeconds(30) });
}
