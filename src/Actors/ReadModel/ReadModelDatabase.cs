using System.Data.Common;
using AmiOrchestrator.Actors.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The journal's own database, opened for the read model with plain ADO.NET: the rows and the projection's offset
/// are written in one transaction of the database the events come from, so neither can get ahead of the other.
/// </summary>
internal sealed class ReadModelDatabase
{
    private readonly string connectionString;

    private ReadModelDatabase(string connectionString, bool isPostgres)
    {
        this.connectionString = connectionString;
        IsPostgres = isPostgres;
    }

    public bool IsPostgres { get; }

    /// <summary>
    /// The database of <paramref name="options"/>. A SQLite file is prepared as the journal prepares it (folder, WAL), so
    /// its connections wait out the journal's write lock rather than fail on it.
    /// </summary>
    public static ReadModelDatabase For(PersistenceOptions options) => options.UsesPostgres
        ? new ReadModelDatabase(options.PostgresConnectionString!, isPostgres: true)
        : new ReadModelDatabase(SqliteJournalFile.Prepare(options.EffectiveSqlitePath), isPostgres: false);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Whether the journal's table exists yet: Akka.Persistence.Sql creates it when the journal first starts, which is
    /// when the first entity of the node recovers, so a node that has not run anything yet may have none.
    /// </summary>
    public async Task<bool> JournalExistsAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = IsPostgres
            ? "SELECT to_regclass('journal') IS NOT NULL"
            : "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
        return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A write transaction. On SQLite, Microsoft.Data.Sqlite begins it IMMEDIATE: the write lock is taken at BEGIN,
    /// where a busy database is waited for, instead of at the first write, where SQLite could only fail it.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
