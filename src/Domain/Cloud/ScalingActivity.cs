namespace AmiOrchestrator.Domain.Cloud;

/// <summary>One scaling activity (a launch or a termination) and how it went; the status message says why a launch failed.</summary>
public sealed record ScalingActivity(
    string ActivityId,
    string Description,
    string StatusCode,
    string? StatusMessage,
    int Progress,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime);
