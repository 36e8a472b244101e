using System.Data.Common;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.TestSupport;
using Microsoft.Data.Sqlite;

namespace AmiOrchestrator.Actors.Tests.Lineages;

/// <summary>The lineage specs on the embedded default: a SQLite file in WAL mode.</summary>
public sealed class LineageActorOnSqliteSpecs(ITestOutputHelper output) : LineageActorSpecs(output), IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    private protected override Task<PersistenceOptions> NewStoreAsync(int snapshotEvery = 100) =>
        Task.FromResult(new PersistenceOptions { SqlitePath = folder.File($"{Guid.NewGuid():N}.db"), SnapshotEvery = snapshotEvery });

    private protected override DbConnection OpenDatabase(PersistenceOptions store) => new SqliteConnection($"Data Source={store.SqlitePath}");
}
