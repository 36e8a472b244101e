using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>
/// Injected failures per action (or "*" for every action): added latency, then one draw from a seeded random
/// sequence that decides between throttling, an internal failure, applying the action and then failing, applying it
/// and then dropping the connection, or nothing. One sequence for every kind of fault, so a test with the same calls
/// sees the same faults whichever kinds it mixes.
/// </summary>
internal sealed class FaultInjector(int seed, TimeProvider clock)
{
    public const string AllActions = "*";

    private readonly Lock gate = new();
    private readonly Dictionary<string, FaultSettings> faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> failuresLeft = new(StringComparer.Ordinal);
    private Random random = new(seed);

    public void Set(string action, FaultSettings fault)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        Rate(fault.ThrottleRate, nameof(FaultSettings.ThrottleRate));
        Rate(fault.ServerErrorRate, nameof(FaultSettings.ServerErrorRate));
        Rate(fault.AppliedServerErrorRate, nameof(FaultSettings.AppliedServerErrorRate));
        Rate(fault.AppliedDropRate, nameof(FaultSettings.AppliedDropRate));
        var total = fault.ThrottleRate + fault.ServerErrorRate + fault.AppliedServerErrorRate + fault.AppliedDropRate;
        if (total > 1)
            throw new ArgumentOutOfRangeException(nameof(fault), total, "The fault rates together must not exceed 1.");
        if (fault.Latency < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(fault), fault.Latency, "Latency must not be negative.");
        if (fault.Times is < 0)
            throw new ArgumentOutOfRangeException(nameof(fault), fault.Times, "Times must not be negative.");
        lock (gate)
        {
            faults[action] = fault;
            if (fault.Times is { } times)
                failuresLeft[action] = times;
            else
                failuresLeft.Remove(action);
        }
    }

    /// <summary>Clears every fault and restarts the random sequence from the seed.</summary>
    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
            failuresLeft.Clear();
            random = new Random(seed);
        }
    }

    public IReadOnlyDictionary<string, FaultSettings> Snapshot()
    {
        lock (gate)
            return new Dictionary<string, FaultSettings>(faults, StringComparer.Ordinal);
    }

    /// <summary>
    /// Waits the configured latency, throws the service's throttling or internal error if the draw says the call fails
    /// before it runs, and otherwise returns what must happen after it runs.
    /// </summary>
    public async Task<AfterApplying> ApplyAsync(string action, ServiceProfile service, CancellationToken cancellationToken)
    {
        FaultSettings? fault;
        var draw = 1.0;
        lock (gate)
        {
            var key = faults.ContainsKey(action) ? action : AllActions;
            fault = faults.GetValueOrDefault(key);
            // Draw only for actions with a failure rate, so configuring one action's faults does not shift another's.
            if (fault is { ThrottleRate: > 0 } or { ServerErrorRate: > 0 } or { AppliedServerErrorRate: > 0 } or { AppliedDropRate: > 0 })
                draw = random.NextDouble();
            if (failuresLeft.TryGetValue(key, out var left))
            {
                // A spent fault lets every call pass; a failing draw spends one of what is left.
                if (left == 0)
                    draw = 1.0;
                else if (draw < fault!.ThrottleRate + fault.ServerErrorRate + fault.AppliedServerErrorRate + fault.AppliedDropRate)
                    failuresLeft[key] = left - 1;
            }
        }
        if (fault is null)
            return AfterApplying.Answer;
        if (fault.Latency > TimeSpan.Zero)
            await Task.Delay(fault.Latency, clock, cancellationToken);
        var bound = fault.ThrottleRate;
        if (draw < bound)
            throw service.Throttled();
        if (draw < (bound += fault.ServerErrorRate))
            throw service.InternalFailure();
        if (draw < (bound += fault.AppliedServerErrorRate))
            return AfterApplying.ServerError;
        return draw < bound + fault.AppliedDropRate ? AfterApplying.Drop : AfterApplying.Answer;
    }

    private static void Rate(double rate, string name)
    {
        if (rate is < 0 or > 1 || double.IsNaN(rate))
            throw new ArgumentOutOfRangeException(name, rate, $"{name} must be between 0 and 1.");
    }
}
