namespace AmiOrchestrator.Actors.Gateway;

/// <summary>What dashboards and command-line clients ask the engine about deployments (through ClusterClient, or in the node).</summary>
public static class QueryProtocol
{
    /// <summary>Answered with the deployment's <c>DeploymentView</c>, or <see cref="NotFound"/>.</summary>
    public sealed record Get(string DeploymentId);

    /// <summary>The sender receives the deployment's view at once and then every change until it ends (or <see cref="NotFound"/>).</summary>
    public sealed record Watch(string DeploymentId);

    public sealed record Unwatch(string DeploymentId);

    public sealed record NotFound(string DeploymentId, string Message);
}
