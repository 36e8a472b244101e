using System.Data.Common;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// <see cref="IDeploymentReadModel"/> over the projection's tables, with plain ADO.NET. It creates the tables itself
/// when it is asked first (a node's HTTP API may answer before the projection, on another node, has started).
/// </summary>
internal sealed class SqlDeploymentReadModel(ReadModelDatabase database, TimeProvider time) : IDeploymentReadModel
{
    private const string SummaryColumns =
        "deployment_id, lineage_id, service, environment, strategy, status, phase, phase_count, current_step_id, current_action, new_asg, " +
        "previous_asg, submitted_by, submitted_at, started_at, ended_at, failure_reason, warning_count, last_sequence_nr, last_offset, last_changed_at";

    private const string NewestFirst = "ORDER BY submitted_at DESC, deployment_id DESC";

    private readonly ReadModelStore store = new(database, time);
    private Task? schema;

    public async Task<DeploymentListResult> ListAsync(DeploymentListQuery query, CancellationToken cancellationToken = default)
    {
        var (statuses, after, problems) = query.Check();
        if (problems.Count > 0)
            return DeploymentListResult.Refused(problems);
        await EnsureSchemaAsync(cancellationToken);
        var conditions = new List<string>();
        var values = new List<object?>();
        string Next(object? value)
        {
            values.Add(value);
            return "@p" + (values.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (statuses.Count > 0)
            conditions.Add($"status IN ({string.Join(", ", statuses.Select(s => Next(EnumText<DeploymentStatus>.Of(s))))})");
        if (query.Service is { } service)
            conditions.Add($"service = {Next(service)}");
        if (query.Lineage is { } lineage)
            conditions.Add($"lineage_id = {Next(lineage)}");
        if (query.SubmittedFrom is { } from)
            conditions.Add($"submitted_at >= {Next(ReadModelTime.ToMicroseconds(from))}");
        if (query.SubmittedBefore is { } before)
            conditions.Add($"submitted_at < {Next(ReadModelTime.ToMicroseconds(before))}");
        if (after is not null)
        {
            var at = Next(after.SubmittedAtMicroseconds);
            conditions.Add($"(submitted_at < {at} OR (submitted_at = {at} AND deployment_id < {Next(after.DeploymentId)}))");
        }
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        // One more than a page tells whether another page follows.
        var limit = Next(query.Limit + 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await ReadAsync(connection, $"SELECT {SummaryColumns} FROM deployment_summary {where} {NewestFirst} LIMIT {limit}", values, ReadSummary, cancellationToken);
        var page = rows.Take(query.Limit).ToValueList();
        var next = rows.Count > query.Limit && page.Count > 0
            ? new DeploymentCursor(ReadModelTime.ToMicroseconds(page[^1].SubmittedAt), page[^1].DeploymentId, query.FilterFingerprint()).Write()
            : null;
        return DeploymentListResult.Of(new DeploymentPage(page, next));
    }

    public async Task<DeploymentDetail?> GetAsync(string deploymentId, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var summaries = await ReadAsync(connection, $"SELECT {SummaryColumns} FROM deployment_summary WHERE deployment_id = @p0", [deploymentId], ReadSummary, cancellationToken);
        if (summaries.Count == 0)
            return null;
        var steps = await ReadAsync(
            connection,
            "SELECT step_id, stage, phase, action, target, tolerated, started_at, deadline, ended_at, outcome, detail, failure_kind, failure_code, " +
            "failure_message FROM deployment_step WHERE deployment_id = @p0 ORDER BY started_seq",
            [deploymentId],
            ReadStep,
            cancellationToken);
        var warnings = await ReadAsync(
            connection, "SELECT warning FROM deployment_warning WHERE deployment_id = @p0 ORDER BY position", [deploymentId], r => r.GetString(0), cancellationToken);
        return new DeploymentDetail(summaries[0], steps.ToValueList(), warnings.ToValueList());
    }

    public async Task<LineageHistory> GetLineageAsync(string lineageId, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var changes = (await ReadAsync(
                connection,
                "SELECT group_name, deployment_id, role, kind, step_id, min_size, desired_capacity, max_size, at, journal_offset " +
                "FROM lineage_group_change WHERE lineage_id = @p0 ORDER BY group_name, journal_offset",
                [lineageId],
                r => (Group: r.GetString(0), Change: new GroupChange(
                    r.GetString(1),
                    EnumText<GroupRole>.Parse(r.GetString(2)),
                    EnumText<GroupChangeKind>.Parse(r.GetString(3)),
                    NullableString(r, 4),
                    NullableInt(r, 5),
                    NullableInt(r, 6),
                    NullableInt(r, 7),
                    ReadModelTime.FromMicroseconds(r.GetInt64(8)),
                    r.GetInt64(9))),
                cancellationToken))
            .ToLookup(c => c.Group, c => c.Change, StringComparer.Ordinal);
        var groups = await ReadAsync(
            connection,
            "SELECT group_name, revision, created_by, created_at, deleted_by, deleted_at, min_size, desired_capacity, max_size, last_deployment_id, " +
            "last_role, last_changed_at FROM lineage_group WHERE lineage_id = @p0 ORDER BY revision IS NULL, revision DESC, group_name",
            [lineageId],
            r => new LineageGroup
            {
                Name = r.GetString(0),
                Revision = NullableInt(r, 1),
                CreatedBy = NullableString(r, 2),
                CreatedAt = NullableTime(r, 3),
                DeletedBy = NullableString(r, 4),
                DeletedAt = NullableTime(r, 5),
                MinSize = NullableInt(r, 6),
                DesiredCapacity = NullableInt(r, 7),
                MaxSize = NullableInt(r, 8),
                LastDeploymentId = r.GetString(9),
                LastRole = EnumText<GroupRole>.Parse(r.GetString(10)),
                LastChangedAt = ReadModelTime.FromMicroseconds(r.GetInt64(11)),
            },
            cancellationToken);
        return new LineageHistory(lineageId, groups.Select(g => g with { Changes = changes[g.Name].ToValueList() }).ToValueList());
    }

    public async Task<ProjectionStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        return await store.ReadStatusAsync(cancellationToken);
    }

    private Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        // Created once per process; a failed attempt (the database was down) is tried again by the next query.
        var ready = Volatile.Read(ref schema);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            ready = ReadModelSchema.EnsureAsync(database, cancellationToken);
            Volatile.Write(ref schema, ready);
        }
        return ready;
    }

    private static async Task<List<T>> ReadAsync<T>(
        DbConnection connection, string sql, IReadOnlyList<object?> values, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Count; i++)
            command.Parameters.Add(SqlStatements.Parameter(command.CreateParameter(), i, values[i]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }

    private static DeploymentSummary ReadSummary(DbDataReader r) => new()
    {
        DeploymentId = r.GetString(0),
        LineageId = r.GetString(1),
        Service = r.GetString(2),
        Environment = r.GetString(3),
        Strategy = EnumText<StrategyType>.Parse(r.GetString(4)),
        Status = EnumText<DeploymentStatus>.Parse(r.GetString(5)),
        Phase = NullableInt(r, 6),
        PhaseCount = NullableInt(r, 7),
        CurrentStepId = NullableString(r, 8),
        CurrentAction = NullableString(r, 9),
        NewAsg = NullableString(r, 10),
        PreviousAsg = NullableString(r, 11),
        SubmittedBy = r.GetString(12),
        SubmittedAt = ReadModelTime.FromMicroseconds(r.GetInt64(13)),
        StartedAt = NullableTime(r, 14),
        EndedAt = NullableTime(r, 15),
        FailureReason = NullableString(r, 16),
        WarningCount = r.GetInt32(17),
        LastSequenceNr = r.GetInt64(18),
        LastOffset = r.GetInt64(19),
        LastChangedAt = ReadModelTime.FromMicroseconds(r.GetInt64(20)),
    };

    private static StepRecord ReadStep(DbDataReader r) => new()
    {
        StepId = r.GetString(0),
        Stage = EnumText<StepStage>.Parse(r.GetString(1)),
        Phase = r.GetInt32(2),
        Action = r.GetString(3),
        Target = r.GetString(4),
        Tolerated = r.GetBoolean(5),
        StartedAt = ReadModelTime.FromMicroseconds(r.GetInt64(6)),
        Deadline = NullableTime(r, 7),
        EndedAt = NullableTime(r, 8),
        Outcome = r.IsDBNull(9) ? null : EnumText<StepOutcomeKind>.Parse(r.GetString(9)),
        Detail = NullableString(r, 10),
        FailureKind = r.IsDBNull(11) ? null : EnumText<StepFailureKind>.Parse(r.GetString(11)),
        FailureCode = NullableString(r, 12),
        FailureMessage = NullableString(r, 13),
    };

    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? NullableInt(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static DateTimeOffset? NullableTime(DbDataReader r, int i) => r.IsDBNull(i) ? null : ReadModelTime.FromMicroseconds(r.GetInt64(i));
}
