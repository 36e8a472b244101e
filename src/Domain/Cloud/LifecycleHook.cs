namespace AmiOrchestrator.Domain.Cloud;

/// <summary>A lifecycle hook of a group (launching or terminating), copied from the base group onto new ones.</summary>
public sealed record LifecycleHook
{
    public required string Name { get; init; }
    public required string Transition { get; init; }
    public int? HeartbeatTimeout { get; init; }
    public string? DefaultResult { get; init; }
    public string? NotificationTargetArn { get; init; }
    public string? RoleArn { get; init; }
    public string? NotificationMetadata { get; init; }
}
