using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
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

    /// <summary>Starts the simulated region and a node; <paramref name="beforeStart"/> is given the journal's connection string first (a test arms a journal plan with it).</summary>
    public static async Task<DeploymentEngine> StartAsync(
        ITestOutputHelper output,
        string fixtures = WebRegion.Fixtures,
        double speed = Speed,
        Action<AkkaConfigurationBuilder>? configure = null,
        Action<string>? beforeStart = null,
        int requestLogCapacity = 10_000)
    {
        var folder = new TestFolder();
        beforeStart?.Invoke(SqliteJournalFile.Prepare(folder.File("engine.db")));
        var region = await SimulatedRegion.StartAsync(new ScaledTimeProvider(speed), fixtures, requestLogCapacity: requestLogCapacity);
        var node = await StartNodeAsync(output, folder.File("engine.db"), region, configure);
        return new DeploymentEngine(output, folder, region, node);
    }

    /// <summary>The connection string the journal of this engine's database uses.</summary>
    public string ConnectionString => SqliteJournalFile.Prepare(DatabasePath);

    /// <summary>Stops the node (its actor system terminates) and starts a new one on the same database; nothing is sent to it.</summary>
    public async Task RestartAsync(Action<AkkaConfigurationBuilder>? configure = null)
    {
        await Node.DisposeAsync();
        Node = await StartNodeAsync(output, DatabasePath, Region, configure);
    }

    /// <summary>
    /// Waits, without sending the deployment any message, until its journal holds an event that ends it, and returns the
    /// deployment's state folded from the journal (read through the persistence query, which never starts the entity).
    /// </summary>
    public async Task<DeploymentState> AwaitEndInJournalAsync(string deploymentId, TimeSpan within)
    {
        var journal = PersistenceQuery.Get(Node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var materializer = Node.System.Materializer();
        var state = DeploymentState.Initial(deploymentId);
        await Poll.UntilAsync(
            async () =>
            {
                var events = await journal.CurrentEventsByPersistenceId(DeploymentActor.PersistenceIdOf(deploymentId), 0, long.MaxValue)
                    .Select(e => (IDeploymentEvent)e.Event)
                    .RunWith(Sink.Seq<IDeploymentEvent>(), materializer);
                state = Deployment.Replay(deploymentId, events);
                return state.HasEnded && state.Status != DeploymentStatus.RollbackFailed;
            },
            within,
            $"deployment {deploymentId} to end by itself");
        return state;
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

    private static Task<EngineNode> StartNodeAsync(ITestOutputHelper output, string databasePath, SimulatedRegion region, Action<AkkaConfigurationBuilder>? configure) =>
        EngineNode.StartAsync(
            new PersistenceOptions { SqlitePath = databasePath, SnapshotEvery = 20 },
            output,
            region.Clock,
            configure: akka =>
            {
                // A node in a test should come up (and its remembered entities start) in well under a second.
                akka.AddHocon(
                    """
                    akka.cluster.sharding.retry-interval = 200ms
                    akka.cluster.sharding.entity-restart-backoff = 1s
                    akka.cluster.sharding.coordinator-failure-backoff = 500ms
                    """,
                    HoconAddMode.Prepend);
                configure?.Invoke(akka);
            },
            services: services => services
                .AddLogging()
                .AddSingleton<ICloudProvider>(region.Provider)
                .AddAmiOrchestratorEngine(new StepExecutorOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(200), RetryMaxDelay = TimeSpan.FromSeconds(5) }),
            options: options => options with { LineageRetryInterval = TimeSpan.FromSeconds(30) });
}
