using AmiOrchestrator.Simulator.AutoScaling;

namespace AmiOrchestrator.Simulator.LoadBalancing;

/// <summary>
/// The instances registered with one target group or classic load balancer. Health is computed from the clock:
/// an instance is healthy <c>healthyAfter</c> after both it is InService and it was registered, and a deregistered
/// one drains for <c>drainFor</c> and then disappears.
/// </summary>
internal sealed class TargetRegistrations(TimeSpan healthyAfter, TimeSpan drainFor)
{
    private readonly Dictionary<string, Registration> registrations = new(StringComparer.Ordinal);

    public TimeSpan HealthyAfter { get; } = healthyAfter;

    public TimeSpan DrainFor { get; } = drainFor;

    public void Register(string instanceId, DateTimeOffset now)
    {
        if (registrations.TryGetValue(instanceId, out var existing) && existing.DeregisteredAt is null)
            return;
        registrations[instanceId] = new Registration(now);
    }

    public void Deregister(string instanceId, DateTimeOffset now)
    {
        if (registrations.TryGetValue(instanceId, out var existing) && existing.DeregisteredAt is null)
            registrations[instanceId] = existing with { DeregisteredAt = now };
    }

    public bool IsRegistered(string instanceId) => registrations.ContainsKey(instanceId);

    /// <summary>Every registered or draining instance and its phase now, in instance-id order.</summary>
    public IEnumerable<(string InstanceId, TargetPhase Phase)> Phases(DateTimeOffset now, Func<string, SimulatedInstance?> instances)
    {
        foreach (var (instanceId, registration) in registrations.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (Phase(registration, instances(instanceId), now) is { } phase)
                yield return (instanceId, phase);
        }
    }

    public void Sweep(DateTimeOffset now)
    {
        foreach (var (instanceId, registration) in registrations.ToList())
        {
            if (registration.DeregisteredAt + DrainFor <= now)
                registrations.Remove(instanceId);
        }
    }

    private TargetPhase? Phase(Registration registration, SimulatedInstance? instance, DateTimeOffset now)
    {
        if (registration.DeregisteredAt is { } deregisteredAt)
            return now < deregisteredAt + DrainFor ? TargetPhase.Draining : null;
        if (instance is null || !instance.IsLive)
            return null;
        if (now < instance.InServiceAt)
            return TargetPhase.Registering;
        var checksPassAt = (instance.InServiceAt > registration.RegisteredAt ? instance.InServiceAt : registration.RegisteredAt) + HealthyAfter;
        if (now < checksPassAt)
            return TargetPhase.InitialHealthChecks;
        return instance.NeverHealthy ? TargetPhase.Unhealthy : TargetPhase.Healthy;
    }
}
