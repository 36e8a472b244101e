using System.Collections.Concurrent;

namespace AmiOrchestrator.Simulator.State;

/// <summary>The state of every simulated account and region, created on first use, each with the same timed processes.</summary>
internal sealed class SimulatorState(IReadOnlyList<ITimedProcess> processes)
{
    private readonly ConcurrentDictionary<(string AccountId, string Region), RegionState> regions = new();

    public ResourceIds Ids { get; } = new();

    public RegionState Region(string accountId, string region) =>
        regions.GetOrAdd((accountId, region), key => new RegionState(key.AccountId, key.Region, Ids, processes));

    public void Reset() => regions.Clear();
}
