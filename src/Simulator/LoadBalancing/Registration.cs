namespace AmiOrchestrator.Simulator.LoadBalancing;

/// <summary>When an instance was registered with a target group or load balancer and, once it was, deregistered.</summary>
internal sealed record Registration(DateTimeOffset RegisteredAt, DateTimeOffset? DeregisteredAt = null);
