using AmiOrchestrator.Actors.Persistence;

namespace AmiOrchestrator.Bench.Databases;

/// <summary>The two journals the engine supports.</summary>
internal enum Store
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// A fresh, empty database for one measurement: a SQLite file in the run's folder or a new database on the run's
/// PostgreSQL server. <see cref="RawConnectionString"/> opens the same database the way the journal does.
/// </summary>
internal sealed class BenchDatabase(Store store, PersistenceOptions persistence, string journalConnectionString, string rawConnectionString, string? folder)
    : IAsyncDisposable
{
    public Store Store { get; } = store;

    public PersistenceOptions Persistence { get; } = persistence;

    /// <summary>The engine's journal database, for counting what the engine wrote.</summary>
    public string JournalConnectionString { get; } = journalConnectionString;

    public string RawConnectionString { get; } = rawConnectionString;

    public static BenchDatabase Sqlite(string folder, int snapshotEvery = 100)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "engine.db");
        // The raw probe gets a file of its own beside the journal's, opened with the journal's connection string.
        var raw = SqliteJournalFile.Prepare(Path.Combine(folder, "raw.db"));
        return new BenchDatabase(
            Store.Sqlite, new PersistenceOptions { SqlitePath = path, SnapshotEvery = snapshotEvery }, SqliteJournalFile.Prepare(path), raw, folder);
    }

    public static BenchDatabase Postgres(string connectionString, int snapshotEvery = 100) =>
        new(Store.PostgreSql, new PersistenceOptions { PostgresConnectionString = connectionString, SnapshotEvery = snapshotEvery }, connectionString, connectionString, null);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (folder is not null && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
