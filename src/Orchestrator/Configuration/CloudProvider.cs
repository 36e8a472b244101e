namespace AmiOrchestrator.Orchestrator.Configuration;

/// <summary>Where a node's deployments act: AWS (or any endpoint that speaks its APIs), or a simulated region inside the node's own process.</summary>
internal enum CloudProvider
{
    Aws,
    Simulator,
}
