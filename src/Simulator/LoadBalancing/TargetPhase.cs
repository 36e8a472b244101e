namespace AmiOrchestrator.Simulator.LoadBalancing;

/// <summary>Where a registered instance stands with a load balancer; each service names these its own way.</summary>
internal enum TargetPhase
{
    /// <summary>The instance is still booting.</summary>
    Registering,

    /// <summary>Booted; health checks have not yet passed often enough.</summary>
    InitialHealthChecks,

    Healthy,

    /// <summary>Health checks fail (an instance of a never-healthy AMI).</summary>
    Unhealthy,

    /// <summary>Deregistered; connections drain until the deregistration delay ends.</summary>
    Draining,
}
