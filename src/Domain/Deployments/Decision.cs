using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>What <see cref="Deployment.Decide"/> returns: the events to persist (in order, atomically) and then the effects to perform.</summary>
public sealed record Decision(ValueList<IDeploymentEvent> Events, ValueList<DeploymentEffect> Effects)
{
    public static Decision None { get; } = new(ValueList<IDeploymentEvent>.Empty, ValueList<DeploymentEffect>.Empty);
}
