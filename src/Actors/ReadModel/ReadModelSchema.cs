using System.Data.Common;
using System.Globalization;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The read model's tables, created on start and versioned by the one row of <c>read_model_schema</c>, so that a later
/// release can migrate them (or refuse tables a newer release wrote). Times are microseconds since the Unix epoch, UTC.
/// </summary>
internal static class ReadModelSchema
{
    public const int CurrentVersion = 1;

    /// <summary>The name of the deployments projection's row in <c>projection_offset</c>.</summary>
    public const string DeploymentsProjection = "deployments";

    /// <summary>The tables a rebuild empties (everything but the schema version and the offset, which it resets).</summary>
    public static readonly string[] RowTables = ["deployment_summary", "deployment_warning", "deployment_step", "lineage_group", "lineage_group_change"];

    /// <summary>Any number: it names the lock that keeps two PostgreSQL nodes from creating the tables at once.</summary>
    private const long PostgresSchemaLock = 0x414d_494f_524d_0001;

    private static readonly string[] Tables =
    [
        """
        CREATE TABLE IF NOT EXISTS read_model_schema (
          id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
          version INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS projection_offset (
          projection TEXT NOT NULL PRIMARY KEY,
          journal_offset BIGINT NOT NULL,
          committed_at BIGINT)
        """,
        """
        CREATE TABLE IF NOT EXISTS deployment_summary (
          deployment_id TEXT NOT NULL PRIMARY KEY,
          lineage_id TEXT NOT NULL,
          service TEXT NOT NULL,
          environment TEXT NOT NULL,
          strategy TEXT NOT NULL,
          status TEXT NOT NULL,
          phase INTEGER,
          phase_count INTEGER,
          current_step_id TEXT,
          current_action TEXT,
          new_asg TEXT,
          previous_asg TEXT,
          submitted_by TEXT NOT NULL,
          submitted_at BIGINT NOT NULL,
          started_at BIGINT,
          ended_at BIGINT,
          failure_reason TEXT,
          warning_count INTEGER NOT NULL,
          last_sequence_nr BIGINT NOT NULL,
          last_offset BIGINT NOT NULL,
          last_changed_at BIGINT NOT NULL)
        """,
        // The list is newest first with the id as tie-breaker; each filter has the same order behind it.
        "CREATE INDEX IF NOT EXISTS deployment_summary_newest ON deployment_summary (submitted_at DESC, deployment_id DESC)",
        "CREATE INDEX IF NOT EXISTS deployment_summary_by_lineage ON deployment_summary (lineage_id, submitted_at DESC, deployment_id DESC)",
        "CREATE INDEX IF NOT EXISTS deployment_summary_by_service ON deployment_summary (service, submitted_at DESC, deployment_id DESC)",
        "CREATE INDEX IF NOT EXISTS deployment_summary_by_status ON deployment_summary (status, submitted_at DESC, deployment_id DESC)",
        """
        CREATE TABLE IF NOT EXISTS deployment_warning (
          deployment_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          warning TEXT NOT NULL,
          PRIMARY KEY (deployment_id, position))
        """,
        """
        CREATE TABLE IF NOT EXISTS deployment_step (
          deployment_id TEXT NOT NULL,
          step_id TEXT NOT NULL,
          started_seq BIGINT NOT NULL,
          stage TEXT NOT NULL,
          phase INTEGER NOT NULL,
          action TEXT NOT NULL,
          target TEXT NOT NULL,
          tolerated BOOLEAN NOT NULL,
          started_at BIGINT NOT NULL,
          deadline BIGINT,
          ended_at BIGINT,
          outcome TEXT,
          detail TEXT,
          failure_kind TEXT,
          failure_code TEXT,
          failure_message TEXT,
          PRIMARY KEY (deployment_id, step_id))
        """,
        "CREATE INDEX IF NOT EXISTS deployment_step_timeline ON deployment_step (deployment_id, started_seq)",
        """
        CREATE TABLE IF NOT EXISTS lineage_group (
          lineage_id TEXT NOT NULL,
          group_name TEXT NOT NULL,
          revision INTEGER,
          created_by TEXT,
          created_at BIGINT,
          deleted_by TEXT,
          deleted_at BIGINT,
          min_size INTEGER,
          desired_capacity INTEGER,
          max_size INTEGER,
          last_deployment_id TEXT NOT NULL,
          last_role TEXT NOT NULL,
          last_changed_at BIGINT NOT NULL,
          PRIMARY KEY (lineage_id, group_name))
        """,
        """
        CREATE TABLE IF NOT EXISTS lineage_group_change (
          deployment_id TEXT NOT NULL,
          sequence_nr BIGINT NOT NULL,
          group_name TEXT NOT NULL,
          lineage_id TEXT NOT NULL,
          journal_offset BIGINT NOT NULL,
          role TEXT NOT NULL,
          kind TEXT NOT NULL,
          step_id TEXT,
          min_size INTEGER,
          desired_capacity INTEGER,
          max_size INTEGER,
          at BIGINT NOT NULL,
          PRIMARY KEY (deployment_id, sequence_nr, group_name))
        """,
        "CREATE INDEX IF NOT EXISTS lineage_group_change_history ON lineage_group_change (lineage_id, group_name, journal_offset)",
    ];

    /// <summary>
    /// Creates the tables on a new database and records their version; refuses tables of another version. Tables in
    /// place are only read: DDL on them would take table locks against the projection's writes. Safe to run from every
    /// node at once: creators queue on PostgreSQL's advisory lock or SQLite's write lock, and find the work done.
    /// </summary>
    public static async Task EnsureAsync(ReadModelDatabase database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await ReadVersionAsync(database, connection, null, cancellationToken) is { } existing)
        {
            Check(existing);
            return;
        }
        await using var transaction = await ReadModelDatabase.BeginWriteAsync(connection, cancellationToken);
        if (database.IsPostgres)
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresSchemaLock.ToString(CultureInfo.InvariantCulture)})", cancellationToken);
        foreach (var statement in Tables)
            await ExecuteAsync(connection, transaction, statement, cancellationToken);
        if (await ReadVersionAsync(database, connection, transaction, cancellationToken) is { } version)
            Check(version);
        else
            await ExecuteAsync(connection, transaction, $"INSERT INTO read_model_schema (id, version) VALUES (1, {CurrentVersion.ToString(CultureInfo.InvariantCulture)})", cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            $"INSERT INTO projection_offset (projection, journal_offset) VALUES ('{DeploymentsProjection}', 0) ON CONFLICT (projection) DO NOTHING",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // A later release migrates the versions before its own here.
    private static void Check(int version)
    {
        if (version != CurrentVersion)
        {
            throw new InvalidOperationException(
                $"the read model's tables are at schema version {version}, but this release reads version {CurrentVersion}: a newer " +
                "release wrote them; run that release, or drop the read model's tables and let this one rebuild them from the journal");
        }
    }

    private static async Task<int?> ReadVersionAsync(ReadModelDatabase database, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (!await database.TableExistsAsync(connection, transaction, "read_model_schema", cancellationToken))
            return null;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM read_model_schema WHERE id = 1";
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
