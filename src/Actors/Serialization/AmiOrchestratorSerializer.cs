using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace AmiOrchestrator.Actors.Serialization;

/// <summary>
/// Writes every type of <see cref="MessageManifests"/> as System.Text.Json under its manifest, never its CLR name, so
/// that a rename or a move of a type never breaks a journal, and reads it back by manifest alone.
/// </summary>
internal sealed class AmiOrchestratorSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka reserves 0-40 for itself; the journal stores this number with every row, so it never changes.</summary>
    public const int Id = 137;

    public const string Name = "ami-orchestrator";

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        MessageManifests.ManifestOf(o.GetType())
        ?? throw new SerializationException($"{o.GetType().FullName} has no manifest: add it to MessageManifests");

    public override byte[] ToBinary(object obj)
    {
        // Asking for the manifest first refuses an unregistered type before anything is written.
        _ = Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), JournalJson.Options);
    }

    /// <remarks>
    /// An unknown manifest is a <see cref="SerializationException"/>: remoting then drops that one message instead of
    /// the connection, and a journal replay stops the actor rather than handing it something it cannot apply.
    /// </remarks>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var type = MessageManifests.TypeOf(manifest)
            ?? throw new SerializationException($"unknown manifest '{manifest}': written by a newer release, or not a message of the engine");
        try
        {
            return JsonSerializer.Deserialize(bytes, type, JournalJson.Options)
                ?? throw new SerializationException($"'{manifest}' holds null");
        }
        catch (JsonException exception)
        {
            throw new SerializationException($"'{manifest}' cannot be read: {exception.Message}", exception);
        }
    }
}
