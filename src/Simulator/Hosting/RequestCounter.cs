using System.Collections.Concurrent;

namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>How many requests each action received, faulted and refused ones included.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public void Increment(string action) => counts.AddOrUpdate(action, 1, (_, count) => count + 1);

    public int Count(string action) => counts.GetValueOrDefault(action);

    public IReadOnlyDictionary<string, int> Snapshot() =>
        new SortedDictionary<string, int>(counts, StringComparer.Ordinal);

    public void Clear() => counts.Clear();
}
