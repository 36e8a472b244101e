using System.Diagnostics.Metrics;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Pattern;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Persistence;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>The read model on an engine node: the projection singleton, and the read side's latency settings.</summary>
public static class ReadModelHosting
{
    /// <summary>The singleton's name: part of its path on every node, so every node of a cluster must use the same.</summary>
    public const string SingletonName = "read-model-projection";

    /// <summary>
    /// How soon the read journal sees a new event. Its stream waits <c>refresh-interval</c> between polls when idle, but
    /// it reads only up to the highest gap-free offset that a separate poller (<c>journal-sequence-retrieval</c>) finds
    /// every <c>query-delay</c>: both at their 1 s default made a change show 0.5-1.2 s late, and lowering only the first
    /// changes nothing. At 100 ms each, an event reaches the read model in about 0.1-0.3 s plus the 100 ms batch window:
    /// live for a person watching a dashboard, at ten cheap indexed queries a second each on the projection's node
    /// (10 ms would cost ten times that, on a two-core node whose SQLite has one writer, for no visible gain).
    /// A gap in the offsets (a PostgreSQL transaction that took an offset and has not committed yet) is waited for
    /// <c>max-tries</c> polls before the reader moves past it for good; 100 tries keep the default's 10 s of patience
    /// at the shorter delay, so a slow commit is never skipped by the projection.
    /// </summary>
    internal const string QueryLatency = """
        akka.persistence.query.journal.sql {
          refresh-interval = 100ms
          journal-sequence-retrieval {
            query-delay = 100ms
            max-tries = 100
          }
        }
        """;

    /// <summary>
    /// The read API over the read model in <paramref name="persistence"/>'s database, for the query actors and the
    /// HTTP API of any node (the projection writes it on one).
    /// </summary>
    public static IDeploymentReadModel DeploymentReadModel(PersistenceOptions persistence, TimeProvider? time = null) =>
        new SqlDeploymentReadModel(ReadModelDatabase.For(persistence), time ?? TimeProvider.System);

    /// <summary>
    /// The projection as a cluster singleton on engine nodes, under a backoff supervisor that starts it again 1-30 s after
    /// it stops (a database outage is retried, never in a hot loop), and its proxy on every node
    /// (<see cref="ReadModelProjection"/>). The query latency settings come with it.
    /// </summary>
    internal static AkkaConfigurationBuilder WithDeploymentProjection(this AkkaConfigurationBuilder builder, PersistenceOptions persistence) =>
        builder
            .AddHocon(QueryLatency, HoconAddMode.Prepend)
            .WithSingleton<ReadModelProjection>(
                SingletonName,
                (system, _, resolver) =>
                {
                    var time = resolver.GetService<TimeProvider>() ?? TimeProvider.System;
                    var metrics = new ProjectionMetrics(resolver.GetService<IMeterFactory>());
                    system.RegisterOnTermination(metrics.Dispose);
                    var projection = ProjectionActor.Props(new ReadModelStore(ReadModelDatabase.For(persistence), time), metrics);
                    // Never given up on (-1 retries): after an outage of any length the read model must catch up by itself.
                    return BackoffSupervisor.Props(
                        Backoff.OnStop(projection, "projection", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), randomFactor: 0.2, maxNrOfRetries: -1)
                            .WithDefaultStoppingStrategy());
                },
                new ClusterSingletonOptions { Role = AmiOrchestratorOptions.EngineRole });
}
