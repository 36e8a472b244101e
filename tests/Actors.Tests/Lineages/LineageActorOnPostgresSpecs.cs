using System.Data.Common;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.TestSupport;
using Npgsql;

namespace AmiOrchestrator.Actors.Tests.Lineages;

/// <summary>The lineage specs on PostgreSQL 15, a fresh database of the shared throwaway server per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LineageActorOnPostgresSpecs : LineageActorSpecs
{
    private readonly PostgresServer server;

    public LineageActorOnPostgresSpecs(PostgresServer server, ITestOutputHelper output)
        : base(output)
    {
        this.server = server;
        output.WriteLine($"PostgreSQL server on port {server.Port}, started in {server.StartTime.TotalMilliseconds:F0} ms");
    }

    private protected override async Task<PersistenceOptions> NewStoreAsync(int snapshotEvery = 100) =>
        new() { PostgresConnectionString = await server.CreateDatabaseAsync(), SnapshotEvery = snapshotEvery };

    private protected override DbConnection OpenDatabase(PersistenceOptions store) => new NpgsqlConnection(store.PostgresConnectionString);
}
