namespace AmiOrchestrator.Domain.Cloud;

/// <summary>A scheduled capacity change of a group, with its time zone (which Harness dropped).</summary>
public sealed record ScheduledAction
{
    public required string Name { get; init; }
    public string? Recurrence { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public int? MinSize { get; init; }
    public int? MaxSize { get; init; }
    public int? DesiredCapacity { get; init; }
    public string? TimeZone { get; init; }
}
