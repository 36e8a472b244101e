using Akka.Cluster.Sharding;

namespace AmiOrchestrator.Actors.Hosting;

/// <summary>
/// Routes <see cref="ShardingEnvelope"/>s by their entity id. Entity messages travel only inside Akka's own envelope
/// (so the protocol records carry no sharding detail); sharding unwraps the envelope, and remember-entities'
/// StartEntity, before this extractor is asked, so anything that reaches <see cref="EntityId"/> is not for an entity.
/// </summary>
internal sealed class EnvelopeMessageExtractor(int numberOfShards) : HashCodeMessageExtractor(numberOfShards)
{
    public override string EntityId(object message) => null!;
}
