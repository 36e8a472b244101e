namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The rows one batch of events produced, coalesced so that each row is written once per batch: a deployment's
/// summary and a step are whole rows (the last one wins), a group merges its later facts into its earlier ones the way
/// the table's upsert does, and warnings and group changes are new rows.
/// </summary>
internal sealed class RowChanges
{
    private readonly Dictionary<string, DeploymentSummary> summaries = new(StringComparer.Ordinal);
    private readonly Dictionary<(string DeploymentId, string StepId), StepRow> steps = [];
    private readonly List<WarningRow> warnings = [];
    private readonly Dictionary<(string LineageId, string Name), GroupRow> groups = [];
    private readonly List<GroupChangeRow> groupChanges = [];

    public IReadOnlyCollection<DeploymentSummary> Summaries => summaries.Values;

    public IReadOnlyCollection<StepRow> Steps => steps.Values;

    public IReadOnlyList<WarningRow> Warnings => warnings;

    public IReadOnlyCollection<GroupRow> Groups => groups.Values;

    public IReadOnlyList<GroupChangeRow> GroupChanges => groupChanges;

    public void Summary(DeploymentSummary row) => summaries[row.DeploymentId] = row;

    public void Step(StepRow row) => steps[(row.DeploymentId, row.Step.StepId)] = row;

    public void Warning(WarningRow row) => warnings.Add(row);

    public void Group(GroupRow row)
    {
        var key = (row.LineageId, row.Group.Name);
        groups[key] = groups.TryGetValue(key, out var earlier) ? earlier.Then(row) : row;
    }

    public void GroupChange(GroupChangeRow row) => groupChanges.Add(row);
}

/// <summary>A step of a deployment's timeline, placed by the sequence number of its start.</summary>
internal sealed record StepRow(string DeploymentId, long StartedSeq, StepRecord Step);

/// <summary>A deployment's warning number <see cref="Position"/> (they only ever accumulate).</summary>
internal sealed record WarningRow(string DeploymentId, int Position, string Text);

/// <summary>What an event says about a lineage group; merged into the group's row (changes not included).</summary>
internal sealed record GroupRow(string LineageId, LineageGroup Group)
{
    /// <summary>
    /// This row with a later one's facts over it: a fact the later row has replaces the earlier one, a fact it lacks
    /// leaves the earlier one standing (a resize that leaves max alone keeps the max known). The table's upsert
    /// merges with the same rule (<c>COALESCE(excluded.x, x)</c>), so merging in a batch or across batches is the same.
    /// </summary>
    public GroupRow Then(GroupRow later) => this with
    {
        Group = Group with
        {
            Revision = later.Group.Revision ?? Group.Revision,
            CreatedBy = later.Group.CreatedBy ?? Group.CreatedBy,
            CreatedAt = later.Group.CreatedAt ?? Group.CreatedAt,
            DeletedBy = later.Group.DeletedBy ?? Group.DeletedBy,
            DeletedAt = later.Group.DeletedAt ?? Group.DeletedAt,
            MinSize = later.Group.MinSize ?? Group.MinSize,
            DesiredCapacity = later.Group.DesiredCapacity ?? Group.DesiredCapacity,
            MaxSize = later.Group.MaxSize ?? Group.MaxSize,
            LastDeploymentId = later.Group.LastDeploymentId,
            LastRole = later.Group.LastRole,
            LastChangedAt = later.Group.LastChangedAt,
        },
    };
}

/// <summary>A change to a lineage group, keyed by the event that recorded it (one event may record several groups).</summary>
internal sealed record GroupChangeRow(string LineageId, string GroupName, long SequenceNr, GroupChange Change);
