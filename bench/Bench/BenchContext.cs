using AmiOrchestrator.Bench.Databases;
using AmiOrchestrator.Bench.Reporting;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Bench;

/// <summary>What every scenario of a run shares: its sizes, its report, its folder and its PostgreSQL server.</summary>
internal sealed class BenchContext(Plan plan, Report report, string folder, PostgresServer? postgres)
{
    private int databases;

    public Plan Plan { get; } = plan;

    public Report Report { get; } = report;

    /// <summary>The run's scratch folder (SQLite files, logs of child nodes); deleted at the end.</summary>
    public string Folder { get; } = folder;

    /// <summary>Scenario 1's engine events/s per store, the baseline of scenario 2's figures.</summary>
    public Dictionary<Store, double> JournalEventsPerSecond { get; } = [];

    public IReadOnlyList<Store> Stores { get; } = postgres is null ? [Store.Sqlite] : [Store.Sqlite, Store.PostgreSql];

    public async Task<BenchDatabase> NewDatabaseAsync(Store store, string purpose, int snapshotEvery = 100)
    {
        var n = Interlocked.Increment(ref databases);
        return store == Store.Sqlite
            ? BenchDatabase.Sqlite(Path.Combine(Folder, $"{purpose}-{n}"), snapshotEvery)
            : BenchDatabase.Postgres(await postgres!.CreateDatabaseAsync(), snapshotEvery);
    }
}
