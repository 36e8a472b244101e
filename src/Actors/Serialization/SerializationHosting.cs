using Akka.Hosting;

namespace AmiOrchestrator.Actors.Serialization;

/// <summary>The engine's serialization for any actor system that talks to it, a node or a command-line client alike.</summary>
public static class SerializationHosting
{
    /// <summary>
    /// Binds every type of the engine's protocol and journal to the engine's serializer, and turns strict
    /// serialization on, so a type nobody bound fails loudly instead of travelling (or being persisted) through
    /// Akka's type-name JSON fallback, which would break on the first rename.
    /// </summary>
    public static AkkaConfigurationBuilder WithAmiOrchestratorSerialization(this AkkaConfigurationBuilder builder) =>
        builder
            .WithCustomSerializer(AmiOrchestratorSerializer.Name, MessageManifests.Types, system => new AmiOrchestratorSerializer(system))
            .WithStrictSerialization();
}
