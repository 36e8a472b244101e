using Npgsql;

namespace AmiOrchestrator.Actors.Persistence;

/// <summary>
/// Where the engine keeps its journal, snapshots and sharding state: an embedded SQLite file (the default, for one
/// node) or a PostgreSQL database (for several nodes, which must share one journal).
/// </summary>
public sealed record PersistenceOptions
{
    public const string DefaultSqlitePath = "./data/ami-orchestrator.db";

    /// <summary>The SQLite file (its folder is created); used when <see cref="PostgresConnectionString"/> is not given. Default <see cref="DefaultSqlitePath"/>.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>A PostgreSQL database for the journal; its tables are created on first start.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>
    /// An entity saves a snapshot after this many events, so that a lineage that has seen thousands of deployments
    /// (or a very long deployment) recovers from the last snapshot instead of from its first event.
    /// </summary>
    public int SnapshotEvery { get; init; } = 100;

    public bool UsesPostgres => PostgresConnectionString is not null;

    public string EffectiveSqlitePath => SqlitePath ?? DefaultSqlitePath;

    /// <summary>Every problem of these options, each naming its field (empty when they can work).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (SqlitePath is not null && PostgresConnectionString is not null)
            problems.Add("SqlitePath and PostgresConnectionString must not both be given: the engine keeps one journal");
        if (SqlitePath is not null)
            problems.AddRange(SqlitePathProblems(SqlitePath));
        if (PostgresConnectionString is not null)
            problems.AddRange(PostgresProblems(PostgresConnectionString));
        if (SnapshotEvery < 1)
            problems.Add($"SnapshotEvery must be at least 1 (is {SnapshotEvery})");
        return problems;
    }

    private static IEnumerable<string> SqlitePathProblems(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            yield return "SqlitePath must not be blank";
        else if (path.Contains(":memory:", StringComparison.OrdinalIgnoreCase) || path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
            yield return "SqlitePath must be a file: an in-memory database loses every deployment when the process ends";
        else if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            yield return "SqlitePath contains a character no path may hold";
    }

    private static IEnumerable<string> PostgresProblems(string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            // Npgsql's message names the offending keyword; the connection string itself may hold a password, so it is not repeated.
            return [$"PostgresConnectionString is not a valid connection string: {exception.Message}"];
        }
        return string.IsNullOrWhiteSpace(parsed.Host) ? ["PostgresConnectionString must name a Host"] : [];
    }
}
