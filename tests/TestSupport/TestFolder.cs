using Microsoft.Data.Sqlite;

namespace AmiOrchestrator.TestSupport;

/// <summary>A folder of the test's own under the system's temp folder, removed with everything in it at dispose.</summary>
public sealed class TestFolder : IDisposable
{
    public TestFolder() => Path = Directory.CreateTempSubdirectory("ami-orchestrator-test-").FullName;

    public string Path { get; }

    /// <summary>A path inside the folder (nothing is created); SQLite creates its database file there on first open.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled SQLite connections keep their files open (and WAL files alive) after the test is done with them.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
