namespace AmiOrchestrator.Actors.Deployments;

/// <summary>
/// What a deployment entity answers besides its <see cref="Domain.Deployments.DeploymentInput"/>s: reads of its view, and
/// subscriptions to its changes. They reach the entity in a <c>ShardingEnvelope</c> through the deployment region.
/// </summary>
public static class DeploymentProtocol
{
    /// <summary>Answered with the deployment's <see cref="DeploymentView"/> (status New when no such deployment was submitted).</summary>
    public sealed record GetView;

    /// <summary>The sender receives the view at once, then every change, until the deployment ends or it sends <see cref="Unwatch"/>.</summary>
    public sealed record Watch;

    public sealed record Unwatch;
}
