using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// A lineage's groups as its deployments recorded them, newest revision first; empty for a lineage no deployment
/// has planned a setup for.
/// </summary>
public sealed record LineageHistory(string LineageId, ValueList<LineageGroup> Groups);

/// <summary>
/// One group of a lineage (a row of <c>lineage_group</c>): its revision, who created and deleted it, its last known
/// capacity, and every change to it in journal order (rows of <c>lineage_group_change</c>).
/// </summary>
public sealed record LineageGroup
{
    public required string Name { get; init; }

    /// <summary>The revision its lineage tag carries; null when the tag could not be read.</summary>
    public int? Revision { get; init; }

    public string? CreatedBy { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? DeletedBy { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public int? MinSize { get; init; }
    public int? DesiredCapacity { get; init; }
    public int? MaxSize { get; init; }

    /// <summary>The last deployment that recorded anything about the group, and what the group was to it.</summary>
    public required string LastDeploymentId { get; init; }

    public required GroupRole LastRole { get; init; }
    public required DateTimeOffset LastChangedAt { get; init; }
    public ValueList<GroupChange> Changes { get; init; } = ValueList<GroupChange>.Empty;
}

/// <summary>
/// What one deployment recorded about a group at one time. Sizes are what was observed or set; a resize that left
/// a size alone (a canary phase leaves max) has it null.
/// </summary>
public sealed record GroupChange(
    string DeploymentId,
    GroupRole Role,
    GroupChangeKind Kind,
    string? StepId,
    int? MinSize,
    int? DesiredCapacity,
    int? MaxSize,
    DateTimeOffset At,
    long Offset);
