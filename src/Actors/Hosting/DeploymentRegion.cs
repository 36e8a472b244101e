namespace AmiOrchestrator.Actors.Hosting;

/// <summary>
/// The ActorRegistry key of the deployments' shard region. Lineages answer deployments through it (never through a
/// sender reference), because the deployment may live on another node or have restarted since it asked.
/// </summary>
public sealed class DeploymentRegion;
