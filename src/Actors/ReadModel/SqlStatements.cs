using System.Data.Common;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The statements of one transaction, sent together: as one <see cref="DbBatch"/> where the driver has batches
/// (Npgsql: one round trip for the lot), else one by one on a connection where each statement costs no round trip
/// (SQLite), reusing a command per statement text.
/// </summary>
internal sealed class SqlStatements(DbConnection connection, DbTransaction transaction)
{
    private readonly List<(string Sql, object?[] Values)> statements = [];

    /// <summary>Adds a statement whose parameters are named <c>@p0</c>, <c>@p1</c>... in the order of <paramref name="values"/>.</summary>
    public void Add(string sql, params object?[] values) => statements.Add((sql, values));

    public async Task ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (statements.Count == 0)
            return;
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (sql, values) in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                for (var i = 0; i < values.Length; i++)
                    command.Parameters.Add(Parameter(command.CreateParameter(), i, values[i]));
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            foreach (var (sql, values) in statements)
            {
                if (!commands.TryGetValue(sql, out var command))
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = sql;
                    for (var i = 0; i < values.Length; i++)
                        command.Parameters.Add(Parameter(command.CreateParameter(), i, null));
                    commands[sql] = command;
                }
                for (var i = 0; i < values.Length; i++)
                    command.Parameters[i].Value = values[i] ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var command in commands.Values)
                await command.DisposeAsync();
        }
    }

    public static DbParameter Parameter(DbParameter parameter, int index, object? value)
    {
        parameter.ParameterName = "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }
}
