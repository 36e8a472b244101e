using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Actors.Tests.Support;

/// <summary>The test classes that share one throwaway PostgreSQL server (each test takes a fresh database of it).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
