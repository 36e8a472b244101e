using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>The read model specs on the embedded default: a SQLite file in WAL mode.</summary>
public sealed class ReadModelOnSqliteSpecs(ITestOutputHelper output) : ReadModelSpecs(output), IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    private protected override Task<PersistenceOptions> NewStoreAsync() =>
        Task.FromResult(new PersistenceOptions { SqlitePath = folder.File($"{Guid.NewGuid():N}.db") });
}
