using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AmiOrchestrator.Actors.Persistence;

/// <summary>Gets the embedded database file ready before the actor system opens it.</summary>
internal static class SqliteJournalFile
{
    /// <summary>
    /// How long a connection waits for SQLite's single write lock before its command fails (Microsoft.Data.Sqlite
    /// retries SQLITE_BUSY until the command timeout). The journal, the snapshot store and sharding's
    /// remember-entities share the file, and a failed journal write stops the entity that wrote it, so waiting out
    /// a burst of writes is far better than failing fast.
    /// </summary>
    private const int BusyTimeoutSeconds = 30;

    /// <summary>Makes SQLite itself wait for the write lock on <paramref name="connection"/>, as long as a command may take.</summary>
    /// <remarks>
    /// Without it SQLite answers a busy lock at once and Microsoft.Data.Sqlite sleeps 150 ms before each retry: a profile
    /// of the throughput benchmark found the journal's writes and the read model's sleeping so, each waiting for the
    /// other to commit, for 9 s of thread time in 20 s. SQLite's own wait retries within milliseconds.
    /// </remarks>
    public static void WaitForTheWriteLock(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};";
        command.ExecuteNonQuery();
    }

    /// <summary>Creates the file's folder, switches the file to WAL and returns the connection string for the journal.</summary>
    /// <remarks>
    /// WAL is a property of the file (it persists), so it is set once here with a plain connection. It lets readers
    /// (recovery, projections) proceed while the journal writes, and measured here it tripled single-actor persist
    /// throughput. <c>synchronous</c> stays at SQLite's FULL: with NORMAL a WAL database survives a process crash
    /// but may lose its last commits on power loss or an OS crash, and the engine acts on a persisted event at once
    /// (a deployment is acknowledged, a lineage is granted, an AWS change starts), so forgetting one would run two
    /// deployments in one lineage or lose an accepted one. The journal's measured ceiling here is the plugin's SQLite
    /// path (~800 writes/s), not the fsync. Besides, <c>synchronous</c> is per connection, and the journal opens its own.
    /// </remarks>
    public static string Prepare(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        // SQLite quietly keeps the old mode where WAL is impossible (some network file systems); say so rather than run slow and unsafe.
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"SqlitePath '{fullPath}': SQLite refused WAL mode (journal mode is '{mode}'); put the database on a local disk");
        return connectionString;
    }
}
