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

    /// <summary>Drops the registrations that have drained by <paramref name="now"/>; returns when the next one will have, if any drains.</summary>
    public DateTimeOffset? Sweep(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var (instanceId, registration) in registrations.ToList())
        {
            if (registration.DeregisteredAt + DrainFor is not { } drained)
                continue;
            if (drained <= now)
                registrations.Remove(instanceId);
            else if (next is null || drained < next)
                next = drained;
        }
        return next;
    }

    private TargetPhase? Phase(Registration registration, SimulatedInstance? instance, DateTimeOffset now)
    {
        if (registration.DeregisteredAt is { } deregisteredAt)
            return now < deregisteredAt + DrainFor ? TargetPhase.Draining : null;
        if (instance is null || !instance.IsLive)
            return null;
        // A launch lifecycle hook keeps the instance out of service, and so out of the health checks, until it completes.
        if (instance.InServiceAt is not { } inService || now < inService)
            return TargetPhase.Registering;
        if (now < ChecksDoneAt(registration, inService))
            return TargetPhase.InitialHealthChecks;
        return instance.NeverHealthy ? TargetPhase.Unhealthy : TargetPhase.Healthy;
    }

    /// <summary>
    /// When the load balancer first reports this registered, InService instance as failing its health checks; null
    /// when it never will (a healthy image, or an instance not registered here or not yet InService).
    /// </summary>
    public DateTimeOffset? FailsChecksAt(SimulatedInstance instance)
    {
        if (!instance.NeverHealthy || instance.InServiceAt is not { } inService)
            return null;
        return registrations.TryGetValue(instance.InstanceId, out var registration) && registration.DeregisteredAt is null
            ? ChecksDoneAt(registration, inService)
            : null;
    }

    private DateTimeOffset ChecksDoneAt(Registration registration, DateTimeOffset inService) =>
        (inService > registration.RegisteredAt ? inService : registration.RegisteredAt) + HealthyAfter;
}
