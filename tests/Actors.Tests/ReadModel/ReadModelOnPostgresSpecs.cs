using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.TestSupport;
using Npgsql;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>The read model specs on PostgreSQL 15, a fresh database of the shared throwaway server per test.</summary>
/// <remarks>
/// A test's node, its journal and the read model leave their idle connections pooled after the test (Npgsql keeps them
/// for minutes); across the collection's tests they would exhaust the server's 100 connections, so each test closes
/// its database's pool at the end.
/// </remarks>
[Collection(PostgresCollection.Name)]
public sealed class ReadModelOnPostgresSpecs(PostgresServer server, ITestOutputHelper output) : ReadModelSpecs(output), IDisposable
{
    private readonly List<string> databases = [];

    public void Dispose()
    {
        foreach (var database in databases)
        {
            using var connection = new NpgsqlConnection(database);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private protected override async Task<PersistenceOptions> NewStoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        databases.Add(database);
        return new PersistenceOptions { PostgresConnectionString = database };
    }
}
