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
            if (!IsPostgres)
                SqliteJournalFile.WaitForTheWriteLock(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether <paramref name="table"/> exists (in the connection's default schema).</summary>
    public async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = IsPostgres
            ? "SELECT to_regclass(@p0) IS NOT NULL"
            : "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = @p0";
        command.Parameters.Add(SqlStatements.Parameter(command.CreateParameter(), 0, table));
        return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A write transaction. On SQLite, Microsoft.Data.Sqlite begins it IMMEDIATE: the write lock is taken at BEGIN,
    /// where a busy database is waited for, instead of at the first write, where SQLite could only fail it.
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
