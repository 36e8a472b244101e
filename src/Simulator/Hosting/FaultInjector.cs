using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>
/// Injected failures per action (or "*" for every action): added latency, then throttling or an internal failure
/// drawn from one seeded random sequence, so a test with the same calls sees the same faults.
/// </summary>
internal sealed class FaultInjector(int seed, TimeProvider clock)
{
    public const string AllActions = "*";

    private readonly Lock gate = new();
    private readonly Dictionary<string, FaultSettings> faults = new(StringComparer.Ordinal);
    private Random random = new(seed);

    public void Set(string action, FaultSettings fault)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        if (fault.ThrottleRate is < 0 or > 1 || double.IsNaN(fault.ThrottleRate))
            throw new ArgumentOutOfRangeException(nameof(fault), fault.ThrottleRate, "ThrottleRate must be between 0 and 1.");
        if (fault.ServerErrorRate is < 0 or > 1 || double.IsNaN(fault.ServerErrorRate))
            throw new ArgumentOutOfRangeException(nameof(fault), fault.ServerErrorRate, "ServerErrorRate must be between 0 and 1.");
        if (fault.Latency < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(fault), fault.Latency, "Latency must not be negative.");
        lock (gate)
            faults[action] = fault;
    }

    /// <summary>Clears every fault and restarts the random sequence from the seed.</summary>
    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
            random = new Random(seed);
        }
    }

    public IReadOnlyDictionary<string, FaultSettings> Snapshot()
    {
        lock (gate)
            return new Dictionary<string, FaultSettings>(faults, StringComparer.Ordinal);
    }

    /// <summary>Waits the configured latency, then throws the service's throttling or internal error if the draw says so.</summary>
    public async Task ApplyAsync(string action, ServiceProfile service, CancellationToken cancellationToken)
    {
        FaultSettings? fault;
        var draw = 1.0;
        lock (gate)
        {
            fault = faults.GetValueOrDefault(action) ?? faults.GetValueOrDefault(AllActions);
            // Draw only for actions with a failure rate, so configuring one action's faults does not shift another's.
            if (fault is { ThrottleRate: > 0 } or { ServerErrorRate: > 0 })
                draw = random.NextDouble();
        }
        if (fault is null)
            return;
        if (fault.Latency > TimeSpan.Zero)
            await Task.Delay(fault.Latency, clock, cancellationToken);
        if (draw < fault.ThrottleRate)
            throw service.Throttled();
        if (draw < fault.ThrottleRate + fault.ServerErrorRate)
            throw service.InternalFailure();
    }
}
