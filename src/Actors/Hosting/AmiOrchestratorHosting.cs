using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using Akka.DependencyInjection;
using Akka.Hosting;
using Akka.Remote.Hosting;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.Lineages;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Serialization;
using AmiOrchestrator.Actors.Watching;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Steps;

namespace AmiOrchestrator.Actors.Hosting;

/// <summary>The engine node's whole Akka topology, one step per concern, in the order the node comes up.</summary>
public static class AmiOrchestratorHosting
{
    /// <summary>The shard region type name of lineages; it is part of every lineage entity's path in the cluster.</summary>
    public const string LineageTypeName = "lineage";

    /// <summary>The shard region type name of deployments; with remember-entities it is also the key of their remembered set.</summary>
    public const string DeploymentTypeName = "deployment";

    /// <summary>
    /// A stopped entity of a region that remembers its entities (deployments) is started again after this long.
    /// During a journal outage that is the retry interval of every in-flight deployment: short enough that one comes
    /// back within a third of a 15 s steady-state poll once the database is back, long enough that a thousand of them
    /// make at most 200 recovery attempts a second (and at most 50 at once, Akka's max-concurrent-recoveries)
    /// against a database that is struggling. Lineages do not remember entities: they restart on their next message.
    /// </summary>
    private const string ShardingSettings = """
        akka.cluster.sharding.entity-restart-backoff = 5s
        """;

    /// <summary>Wires an engine node: remoting, cluster, persistence, serialization, cluster-client access, shard regions.</summary>
    public static AkkaConfigurationBuilder WithAmiOrchestrator(this AkkaConfigurationBuilder builder, AmiOrchestratorOptions options)
    {
        options.Validate();
        return builder
            .WithEngineLogging()
            .WithEngineSystemName()
            .WithEngineRemoting(options)
            .WithEngineCluster(options)
            .WithEnginePersistence(options.Persistence)
            .WithAmiOrchestratorSerialization()
            .WithClusterClientAccess()
            .WithWatchers(options)
            .WithDeployments(options)
            .WithLineages(options)
            .WithReadModel(options)
            .WithGateway(options);
    }

    // Seeds and cluster-client contacts are validated against the engine's system name; a host that named its
    // system otherwise would wait for a cluster that never forms, so it is stopped at start instead.
    private static AkkaConfigurationBuilder WithEngineSystemName(this AkkaConfigurationBuilder builder) =>
        builder.AddStartup((system, _) =>
        {
            if (system.Name != AmiOrchestratorOptions.ActorSystemName)
                throw new InvalidOperationException($"the engine's actor system must be named '{AmiOrchestratorOptions.ActorSystemName}' (AddAkka), not '{system.Name}'");
        });

    // Akka's log goes where the host's goes (console, OpenTelemetry), with the host's filters.
    private static AkkaConfigurationBuilder WithEngineLogging(this AkkaConfigurationBuilder builder) =>
        builder.ConfigureLoggers(loggers =>
        {
            loggers.ClearLoggers();
            loggers.AddLoggerFactory();
        });

    // The public host name is the one other nodes and cluster clients dial, so it is what addresses carry.
    // Without tcp-reuse-addr = off, Linux lets a second process bind a port this node holds, and two nodes end up
    // answering on one address.
    private static AkkaConfigurationBuilder WithEngineRemoting(this AkkaConfigurationBuilder builder, AmiOrchestratorOptions options) =>
        builder
            .WithRemoting(new RemoteOptions { HostName = options.Hostname, PublicHostName = options.PublicHostname, Port = options.Port })
            .AddHocon("akka.remote.dot-netty.tcp.tcp-reuse-addr = off", HoconAddMode.Prepend);

    // Roles decide where shards live (only "engine" nodes host deployments and lineages). Keep-majority downs the
    // smaller side of a partition, so a journal is never written by two sides at once; with two nodes neither side
    // is a majority, which is why a cluster runs one node or at least three. The resolver acts once membership has
    // been stable for StableAfter: that is most of the time a crashed node's deployments wait before they move. A node given no seeds joins itself,
    // after remoting has bound its port (which may have been 0, taken as any free port).
    private static AkkaConfigurationBuilder WithEngineCluster(this AkkaConfigurationBuilder builder, AmiOrchestratorOptions options)
    {
        builder
            .WithClustering(new ClusterOptions
            {
                Roles = [.. options.Roles],
                SeedNodes = [.. options.SeedNodes],
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .AddHocon(ShardingSettings, HoconAddMode.Prepend)
            .AddHocon($"akka.cluster.split-brain-resolver.stable-after = {(long)options.StableAfter.TotalMilliseconds}ms", HoconAddMode.Prepend);
        if (options.SeedNodes.Count == 0)
        {
            builder.AddStartup((system, _) =>
            {
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }
        return builder;
    }

    // Platforms reach the engine from outside the cluster through ClusterClient. The receptionist runs on engine
    // nodes, where the gateway is; it exists only once something asks for it, hence the startup step.
    private static AkkaConfigurationBuilder WithClusterClientAccess(this AkkaConfigurationBuilder builder) =>
        builder
            .WithClusterClientReceptionist(role: AmiOrchestratorOptions.EngineRole)
            .AddStartup((system, _) => ClusterClientReceptionist.Get(system));

    // One watcher per account and region per node polls for every wait of every deployment on the node; the
    // registry that routes to them is a plain top-level actor, so every node has its own.
    // The cloud provider is resolved when a watcher is first needed, so a node that only serves lineages and reads
    // (and its tests) starts without one.
    private static AkkaConfigurationBuilder WithWatchers(this AkkaConfigurationBuilder builder, AmiOrchestratorOptions options) =>
        builder.WithActors((system, registry, resolver) =>
            registry.Register<WatcherRegistry>(system.ActorOf(
                WatcherRegistry.Props(() => Required<ICloudProvider>(resolver), resolver.GetService<TimeProvider>() ?? TimeProvider.System, options.MinimumPollInterval),
                WatcherRegistry.Name)));

    // Deployments remember their entities: a node that starts (after a crash, or a shard moved to it) starts every
    // in-flight deployment of its shards with no message sent, and each one carries on from its journal.
    private static AkkaConfigurationBuilder WithDeployments(this AkkaConfigurationBuilder builder, AmiOrchestratorOptions options) =>
        builder.WithShardRegion<DeploymentRegion>(
            DeploymentTypeName,
            (system, registry, resolver) =>
            {
                var time = resolver.GetService<TimeProvider>() ?? TimeProvider.System;
                return deploymentId => DeploymentActor.Props(
                    deploymentId,
                    new DeploymentServices(
                        Required<StepExecutor>(resolver),
                        registry.Get<WatcherRegistry>(),
                        registry.Get<LineageRegion>(),
                        time,
                        options.Persistence.SnapshotEvery,
                        options.LineageRetryInterval));
            },
            new EnvelopeMessageExtractor(options.NumberOfShards),
            EntityShardOptions(rememberEntities: true));

    // The platform's way in: a gateway and a query actor on every node, at stable paths (/user/gateway,
    // /user/queries) that ClusterClient sends to, registered with the receptionist once the node is up. After the
    // regions, which both talk to.
    private static AkkaConfigurationBuilder WithGateway(this AkkaConfigurationBuilder builder, AmiOrchestratorOptions options) =>
        builder
            .WithActors((system, registry, resolver) =>
            {
                var time = resolver.GetService<TimeProvider>() ?? TimeProvider.System;
                var deployments = registry.Get<DeploymentRegion>();
                registry.Register<DeploymentGatewayKey>(system.ActorOf(
                    DeploymentGateway.Props(deployments, registry.Get<LineageRegion>(), time, options.CommandTimeout), DeploymentGateway.Name));
                registry.Register<DeploymentQueriesKey>(system.ActorOf(
                    DeploymentQueries.Props(deployments, ReadModelHosting.DeploymentReadModel(options.Persistence, time), options.CommandTimeout),
                    DeploymentQueries.Name));
            })
            .AddStartup((system, registry) =>
            {
                var receptionist = ClusterClientReceptionist.Get(system);
                receptionist.RegisterService(registry.Get<DeploymentGatewayKey>());
                receptionist.RegisterService(registry.Get<DeploymentQueriesKey>());
            });

    private static T Required<T>(IDependencyResolver resolver) where T : notnull =>
        resolver.GetService<T>()
        ?? throw new InvalidOperationException($"the engine needs a {typeof(T).Name} in the host's services: call AddAmiOrchestratorEngine (and AddAwsCloud) on the service collection");

    // Lineages do not remember entities: a lineage only answers messages, so nothing needs it running between them,
    // and idle ones passivate. Its entities answer deployments through the deployment region, looked up when an
    // entity starts (the region is registered by then, whichever step wired it).
    private static AkkaConfigurationBuilder WithLineages(this AkkaConfigurationBuilder builder, AmiOrchestratorOptions options) =>
        builder.WithShardRegion<LineageRegion>(
            LineageTypeName,
            (system, registry, resolver) =>
            {
                var time = resolver.GetService<TimeProvider>() ?? TimeProvider.System;
                return lineageId => LineageActor.Props(lineageId, registry.Get<DeploymentRegion>(), options.Persistence.SnapshotEvery, time);
            },
            new EnvelopeMessageExtractor(options.NumberOfShards),
            EntityShardOptions(rememberEntities: false));

    // The read model lives in the journal's database, and one projection writes it for the whole cluster: a singleton on
    // engine nodes (it moves with the oldest one), reached from any node through its proxy.
    private static AkkaConfigurationBuilder WithReadModel(this AkkaConfigurationBuilder builder, AmiOrchestratorOptions options) =>
        builder.WithDeploymentProjection(options.Persistence);

    /// <summary>
    /// Shard settings shared by the engine's regions. Shard allocation lives in distributed data (rebuilt by the
    /// cluster, nothing to store); remembered entities live in the journal (event-sourced), which outlives a
    /// replaced container, unlike distributed data's local LMDB files.
    /// </summary>
    private static ShardOptions EntityShardOptions(bool rememberEntities) => new()
    {
        Role = AmiOrchestratorOptions.EngineRole,
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = rememberEntities,
        RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
        HandOffStopMessage = StopEntity.Instance,
    };
}
