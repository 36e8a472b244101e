namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// One scaling activity. Like instances, its status follows the clock: in progress until <see cref="CompletesAt"/>
/// (the instance's InService or Terminated time), then Successful; a launch that could not start is Failed at once.
/// </summary>
internal sealed record ScalingActivityRecord
{
    public required string ActivityId { get; init; }

    public required long Sequence { get; init; }

    public required string GroupName { get; init; }

    public required string GroupArn { get; init; }

    public required ActivityKind Kind { get; init; }

    public required string Description { get; init; }

    public required string Cause { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required DateTimeOffset CompletesAt { get; set; }

    public string? Details { get; init; }

    /// <summary>Why a launch failed, in AWS's words; null for an activity that did not fail.</summary>
    public string? FailureMessage { get; init; }

    public bool IsDone(DateTimeOffset now) => FailureMessage is not null || now >= CompletesAt;

    public string StatusCode(DateTimeOffset now) =>
        FailureMessage is not null ? "Failed"
        : now >= CompletesAt ? "Successful"
        : Kind == ActivityKind.Launch ? "PreInService"
        : "InProgress";

    public int Progress(DateTimeOffset now) =>
        IsDone(now) ? 100 : Kind == ActivityKind.Launch ? 30 : 50;

    public DateTimeOffset? EndTime(DateTimeOffset now) =>
        FailureMessage is not null ? StartTime : now >= CompletesAt ? CompletesAt : null;
}
