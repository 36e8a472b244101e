using System.Data.Common;
using System.Globalization;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.ReadModel;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>The read model's tables as stored, every column of every row, for comparing two projections of one journal.</summary>
internal static class ReadModelTables
{
    /// <summary>Each table's rows as text, sorted, so two dumps compare equal exactly when the tables hold the same rows.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DumpAsync(PersistenceOptions store)
    {
        var database = ReadModelDatabase.For(store);
        await using var connection = await database.OpenAsync();
        var dump = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in ReadModelSchema.RowTables)
            dump[table] = await RowsAsync(connection, table);
        return dump;
    }

    /// <summary>How many events each deployment's journal holds, read from the journal table itself.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> JournalEventCountsAsync(PersistenceOptions store)
    {
        await using var connection = await ReadModelDatabase.For(store).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, COUNT(*) FROM journal WHERE persistence_id LIKE 'deployment-%' GROUP BY persistence_id";
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
            counts[reader.GetString(0)["deployment-".Length..]] = reader.GetInt64(1);
        return counts;
    }

    private static async Task<IReadOnlyList<string>> RowsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM " + table;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount)
                .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))}");
            rows.Add(string.Join(" | ", values));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
