using Akka.Actor;
using AmiOrchestrator.Steps;

namespace AmiOrchestrator.Actors.Deployments;

/// <summary>What every deployment entity of a node shares: the step executor, the node's watchers, the lineage region, the clock and the timings.</summary>
internal sealed record DeploymentServices(
    StepExecutor Executor,
    IActorRef Watchers,
    IActorRef Lineages,
    TimeProvider Time,
    int SnapshotEvery,
    TimeSpan LineageRetry);
