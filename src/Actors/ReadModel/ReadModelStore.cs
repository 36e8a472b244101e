using System.Data.Common;
using System.Globalization;
using AmiOrchestrator.Actors.Persistence;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// Writes the read model: a batch's rows and the projection's new offset in one transaction, or nothing. The offset is
/// moved first, and only from the offset the batch was read after: a second projection (a singleton handing over,
/// an incarnation whose last batch commits after its successor started) finds it moved and rolls back, so no event
/// is ever applied twice or skipped whoever writes.
/// </summary>
internal sealed class ReadModelStore(ReadModelDatabase database, TimeProvider time)
{
    /// <summary>
    /// How the journal stores the engine's deployment tag in CSV mode (Akka.Persistence.Sql's default separator, ';',
    /// around each tag), to find the newest deployment event without reading the others.
    /// </summary>
    private static readonly string DeploymentTagPattern = $"%;{JournalTagger.DeploymentTag};%";

    private static readonly string SummaryUpsert = Upsert(
        "deployment_summary",
        ["deployment_id"],
        ["lineage_id", "service", "environment", "strategy", "status", "phase", "phase_count", "current_step_id", "current_action", "new_asg",
         "previous_asg", "submitted_by", "submitted_at", "started_at", "ended_at", "failure_reason", "warning_count", "last_sequence_nr",
         "last_offset", "last_changed_at"]);

    private static readonly string StepUpsert = Upsert(
        "deployment_step",
        ["deployment_id", "step_id"],
        ["started_seq", "stage", "phase", "action", "target", "tolerated", "started_at", "deadline", "ended_at", "outcome", "detail", "failure_kind",
         "failure_code", "failure_message"]);

    private static readonly string WarningUpsert = Upsert("deployment_warning", ["deployment_id", "position"], ["warning"]);

    private static readonly string GroupUpsert = Upsert(
        "lineage_group",
        ["lineage_id", "group_name"],
        ["last_deployment_id", "last_role", "last_changed_at"],
        ["revision", "created_by", "created_at", "deleted_by", "deleted_at", "min_size", "desired_capacity", "max_size"]);

    private static readonly string GroupChangeUpsert = Upsert(
        "lineage_group_change",
        ["deployment_id", "sequence_nr", "group_name"],
        ["lineage_id", "journal_offset", "role", "kind", "step_id", "min_size", "desired_capacity", "max_size", "at"]);

    public ReadModelDatabase Database => database;

    public async Task<long> ReadOffsetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT journal_offset FROM projection_offset WHERE projection = @p0";
        command.Parameters.Add(SqlStatements.Parameter(command.CreateParameter(), 0, ReadModelSchema.DeploymentsProjection));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Writes <paramref name="rows"/> and moves the offset from <paramref name="from"/> to <paramref name="to"/>, in one transaction.</summary>
    /// <exception cref="InvalidOperationException">The offset is no longer <paramref name="from"/>: another projection wrote since.</exception>
    public async Task WriteAsync(RowChanges rows, long from, long to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await ReadModelDatabase.BeginWriteAsync(connection, cancellationToken);
        await using (var move = connection.CreateCommand())
        {
            move.Transaction = transaction;
            move.CommandText = "UPDATE projection_offset SET journal_offset = @p0, committed_at = @p1 WHERE projection = @p2 AND journal_offset = @p3";
            object[] values = [to, ReadModelTime.ToMicroseconds(time.GetUtcNow()), ReadModelSchema.DeploymentsProjection, from];
            for (var i = 0; i < values.Length; i++)
                move.Parameters.Add(SqlStatements.Parameter(move.CreateParameter(), i, values[i]));
            if (await move.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException(
                    $"the read model's offset is no longer {from}: another projection has written since this one read it; this one must start again from the stored offset");
            }
        }
        var statements = new SqlStatements(connection, transaction);
        foreach (var summary in rows.Summaries)
            statements.Add(SummaryUpsert, SummaryValues(summary));
        foreach (var step in rows.Steps)
            statements.Add(StepUpsert, StepValues(step));
        foreach (var warning in rows.Warnings)
            statements.Add(WarningUpsert, warning.DeploymentId, warning.Position, warning.Text);
        foreach (var group in rows.Groups)
            statements.Add(GroupUpsert, GroupValues(group));
        foreach (var change in rows.GroupChanges)
            statements.Add(GroupChangeUpsert, GroupChangeValues(change));
        await statements.ExecuteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Empties the read model and sets the offset back to 0, in one transaction (the first step of a rebuild).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await ReadModelDatabase.BeginWriteAsync(connection, cancellationToken);
        var statements = new SqlStatements(connection, transaction);
        if (database.IsPostgres)
            statements.Add("TRUNCATE " + string.Join(", ", ReadModelSchema.RowTables));
        else
        {
            foreach (var table in ReadModelSchema.RowTables)
                statements.Add("DELETE FROM " + table);
        }
        statements.Add(
            "UPDATE projection_offset SET journal_offset = 0, committed_at = @p0 WHERE projection = @p1",
            ReadModelTime.ToMicroseconds(time.GetUtcNow()),
            ReadModelSchema.DeploymentsProjection);
        await statements.ExecuteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The projection's offset against the journal's newest deployment event. Reads the journal table of
    /// Akka.Persistence.Sql's default layout (<c>journal</c>, its <c>ordering</c>, <c>tags</c> and <c>created</c>
    /// columns), which the engine's persistence keeps: the read journal has no query for its head.
    /// </summary>
    public async Task<ProjectionStatus> ReadStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        long projected;
        DateTimeOffset? committedAt;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT journal_offset, committed_at FROM projection_offset WHERE projection = @p0";
            command.Parameters.Add(SqlStatements.Parameter(command.CreateParameter(), 0, ReadModelSchema.DeploymentsProjection));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                throw new InvalidOperationException("the read model has no offset row: its schema was not created");
            projected = reader.GetInt64(0);
            committedAt = reader.IsDBNull(1) ? null : ReadModelTime.FromMicroseconds(reader.GetInt64(1));
        }
        // Akka.Persistence.Sql creates its table when the journal first starts, when the node's first entity recovers.
        if (!await database.TableExistsAsync(connection, null, "journal", cancellationToken))
            return Status(projected, committedAt, head: 0, behind: TimeSpan.Zero);
        // Both read the primary key's index from one end and stop at the first deployment event. A row marked deleted
        // (the journal keeps the last one of a deleted range) is one the read journal never delivers.
        var head = await ScalarAsync(
            connection, "SELECT ordering FROM journal WHERE tags LIKE @p0 AND NOT deleted ORDER BY ordering DESC LIMIT 1", [DeploymentTagPattern], cancellationToken);
        var oldestPending = await ScalarAsync(
            connection, "SELECT created FROM journal WHERE ordering > @p0 AND tags LIKE @p1 AND NOT deleted ORDER BY ordering LIMIT 1", [projected, DeploymentTagPattern], cancellationToken);
        // The journal stamps each row with the UTC ticks of its write.
        var behind = oldestPending is { } created ? time.GetUtcNow() - new DateTimeOffset(created, TimeSpan.Zero) : TimeSpan.Zero;
        return Status(projected, committedAt, head ?? 0, behind);
    }

    private static ProjectionStatus Status(long projected, DateTimeOffset? committedAt, long head, TimeSpan behind) => new()
    {
        SchemaVersion = ReadModelSchema.CurrentVersion,
        ProjectedOffset = projected,
        HeadOffset = Math.Max(head, projected),
        // A journal row written by a clock ahead of ours is not "behind" by a negative time.
        TimeBehind = behind > TimeSpan.Zero ? behind : TimeSpan.Zero,
        LastCommittedAt = committedAt,
    };

    private static async Task<long?> ScalarAsync(DbConnection connection, string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
            command.Parameters.Add(SqlStatements.Parameter(command.CreateParameter(), i, values[i]));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An upsert of a whole row: <paramref name="replaced"/> take the new row's values, <paramref name="merged"/> keep the
    /// stored value where the new row has none (<see cref="GroupRow.Then"/> is the same rule in memory). Both databases
    /// read <c>ON CONFLICT ... DO UPDATE</c> and <c>excluded</c> alike.
    /// </summary>
    private static string Upsert(string table, string[] key, string[] replaced, string[]? merged = null)
    {
        string[] columns = [.. key, .. replaced, .. merged ?? []];
        var parameters = columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture));
        var updates = replaced.Select(c => $"{c} = excluded.{c}").Concat((merged ?? []).Select(c => $"{c} = COALESCE(excluded.{c}, {table}.{c})"));
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters)}) " +
               $"ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {string.Join(", ", updates)}";
    }

    private static object?[] SummaryValues(DeploymentSummary s) =>
    [
        s.DeploymentId, s.LineageId, s.Service, s.Environment, EnumText<Domain.Specs.StrategyType>.Of(s.Strategy),
        EnumText<Domain.Deployments.DeploymentStatus>.Of(s.Status), s.Phase, s.PhaseCount, s.CurrentStepId, s.CurrentAction, s.NewAsg,
        s.PreviousAsg, s.SubmittedBy, Micros(s.SubmittedAt), Micros(s.StartedAt), Micros(s.EndedAt), s.FailureReason, s.WarningCount,
        s.LastSequenceNr, s.LastOffset, Micros(s.LastChangedAt),
    ];

    private static object?[] StepValues(StepRow row)
    {
        var s = row.Step;
        return
        [
            row.DeploymentId, s.StepId, row.StartedSeq, EnumText<Domain.Deployments.StepStage>.Of(s.Stage), s.Phase, s.Action, s.Target, s.Tolerated,
            Micros(s.StartedAt), Micros(s.Deadline), Micros(s.EndedAt), s.Outcome is { } outcome ? EnumText<StepOutcomeKind>.Of(outcome) : null,
            s.Detail, s.FailureKind is { } kind ? EnumText<Domain.Deployments.StepFailureKind>.Of(kind) : null, s.FailureCode, s.FailureMessage,
        ];
    }

    private static object?[] GroupValues(GroupRow row)
    {
        var g = row.Group;
        return
        [
            row.LineageId, g.Name, g.LastDeploymentId, EnumText<GroupRole>.Of(g.LastRole), Micros(g.LastChangedAt),
            g.Revision, g.CreatedBy, Micros(g.CreatedAt), g.DeletedBy, Micros(g.DeletedAt), g.MinSize, g.DesiredCapacity, g.MaxSize,
        ];
    }

    private static object?[] GroupChangeValues(GroupChangeRow row)
    {
        var c = row.Change;
        return
        [
            c.DeploymentId, row.SequenceNr, row.GroupName, row.LineageId, c.Offset, EnumText<GroupRole>.Of(c.Role), EnumText<GroupChangeKind>.Of(c.Kind),
            c.StepId, c.MinSize, c.DesiredCapacity, c.MaxSize, Micros(c.At),
        ];
    }

    private static long? Micros(DateTimeOffset? time) => time is { } t ? ReadModelTime.ToMicroseconds(t) : null;
}
