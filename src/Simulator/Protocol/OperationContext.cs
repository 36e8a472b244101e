using AmiOrchestrator.Simulator.Signing;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>
/// What an operation works with: the request's parameters, the caller's account+region state (locked for the
/// duration of the call), who the caller is, and the simulated time of the request.
/// </summary>
internal sealed record OperationContext(QueryParameters Parameters, RegionState Region, CallerIdentity Caller, DateTimeOffset Now)
{
    /// <summary>How long a new group or a capacity change stays invisible to describe calls (zero: at once).</summary>
    public TimeSpan ConsistencyLag { get; init; }
}
