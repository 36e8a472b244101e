using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AmiOrchestrator.Bench.Databases;

/// <summary>
/// The database's own limits, without Akka: rows shaped like journal rows (persistence id, sequence number, payload,
/// unique on the pair) inserted one committed row at a time on one connection, and many rows in one transaction.
/// SQLite is opened exactly as the journal opens it (the same connection string: WAL, synchronous left at FULL).
/// </summary>
internal static class RawDatabase
{
    public static async Task<(double SingleCommitsPerSecond, double BatchedRowsPerSecond)> MeasureAsync(
        BenchDatabase database, int payloadBytes, int singleCommits, int batchRows)
    {
        await using var connection = database.Store == Store.Sqlite
            ? (DbConnection)new SqliteConnection(database.RawConnectionString)
            : new NpgsqlConnection(database.RawConnectionString);
        await connection.OpenAsync();
        var autoIncrement = database.Store == Store.Sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        var blob = database.Store == Store.Sqlite ? "BLOB" : "BYTEA";
        await ExecuteAsync(connection, $"""
            CREATE TABLE raw_journal (ordering {autoIncrement}, persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,
              created BIGINT NOT NULL, manifest VARCHAR(500) NOT NULL, message {blob} NOT NULL, tags VARCHAR(100));
            CREATE UNIQUE INDEX raw_journal_pid_seq ON raw_journal (persistence_id, sequence_number);
            """);
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);

        var single = await InsertAsync(connection, payload, "single", singleCommits, inTransaction: false);
        var batched = await InsertAsync(connection, payload, "batch", batchRows, inTransaction: true);
        return (single, batched);
    }

    private static async Task<double> InsertAsync(DbConnection connection, byte[] payload, string pid, int rows, bool inTransaction)
    {
        await using var transaction = inTransaction ? await connection.BeginTransactionAsync() : null;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO raw_journal (persistence_id, sequence_number, created, manifest, message, tags) VALUES (@p, @s, @c, 'step-started.v1', @m, ';deployment;')";
        Parameter(command, "@p", pid);
        var s = Parameter(command, "@s", 0L);
        var c = Parameter(command, "@c", 0L);
        Parameter(command, "@m", payload);
        await command.PrepareAsync();
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= rows; i++)
        {
            s.Value = (long)i;
            c.Value = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
            await command.ExecuteNonQueryAsync();
        }
        if (transaction is not null)
            await transaction.CommitAsync();
        return rows / watch.Elapsed.TotalSeconds;
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
