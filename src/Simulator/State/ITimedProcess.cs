namespace AmiOrchestrator.Simulator.State;

/// <summary>
/// Something in a region that acts at a time of its own rather than on a request: a lifecycle hook timing out, a
/// health check failing, a scheduled action firing, a scaling policy reacting. The due time is read from the state
/// each time (never queued), so a change to the state can never leave a stale event behind.
/// </summary>
internal interface ITimedProcess
{
    /// <summary>The earliest time at which the process has something to do, or null when it has nothing.</summary>
    DateTimeOffset? NextDue(RegionState region);

    /// <summary>Does everything that is due at or before <paramref name="at"/>, as of that time; afterwards its next due time is later.</summary>
    void Run(RegionState region, DateTimeOffset at);
}
