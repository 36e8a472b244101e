using System.Data.Common;
using System.Text.Json;
using AmiOrchestrator.Actors.Serialization;

namespace AmiOrchestrator.Actors.Tests.Golden;

/// <summary>
/// Reads one persistence id's events from a journal database (SQLite or PostgreSQL, Akka.Persistence.Sql's default
/// table layout) exactly as stored, for a golden file. It reads rows, not actors, so what is recorded is what a
/// future release will find in a real database.
/// </summary>
internal static class GoldenJournalRecorder
{
    public static async Task<IReadOnlyList<GoldenJournal.Entry>> ReadAsync(DbConnection connection, string persistenceId)
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number, manifest, identifier, message, deleted FROM journal WHERE persistence_id = @id ORDER BY sequence_number";
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = persistenceId;
        command.Parameters.Add(id);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<GoldenJournal.Entry>();
        while (await reader.ReadAsync())
        {
            var sequenceNr = reader.GetInt64(0);
            var serializer = reader.GetInt32(2);
            if (serializer != AmiOrchestratorSerializer.Id)
                throw new InvalidDataException($"{persistenceId}/{sequenceNr} was written by serializer {serializer}, not the engine's");
            if (reader.GetBoolean(4))
                continue;
            using var payload = JsonDocument.Parse((byte[])reader.GetValue(3));
            entries.Add(new GoldenJournal.Entry(persistenceId, sequenceNr, reader.GetString(1), payload.RootElement.Clone()));
        }
        return entries;
    }
}
