namespace AmiOrchestrator.Simulator;

/// <summary>
/// One request the simulator served, as the inspection log keeps it. <see cref="Sequence"/> orders every request of
/// the simulator (the scaling activities a request started carry it too); <see cref="Time"/> is the simulated time
/// it ran at. <see cref="Parameters"/> are the Query parameters as received, without Action and Version, with user
/// data and secrets replaced by <c>(redacted)</c>. <see cref="ResultCode"/> is <c>OK</c>, AWS's error code, or
/// <c>ConnectionDropped</c>; <see cref="HttpStatus"/> is 0 when no answer was sent.
/// </summary>
public sealed record SimulatedRequest(
    long Sequence,
    DateTimeOffset Time,
    string? AccountId,
    string? Region,
    string Service,
    string Action,
    IReadOnlyDictionary<string, string> Parameters,
    int HttpStatus,
    string ResultCode,
    IReadOnlyList<string> ActivityIds)
{
    public bool Succeeded => ResultCode == SimulatedRequest.Ok;

    /// <summary>Carried out but answered with an error or not answered at all (an applied-then-failed fault).</summary>
    public bool AppliedDespiteFailure { get; init; }

    internal const string Ok = "OK";

    internal const string ConnectionDropped = "ConnectionDropped";
}
