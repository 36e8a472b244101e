namespace AmiOrchestrator.Actors.Hosting;

/// <summary>The ActorRegistry key of the lineages' shard region (entities keyed by infrastructure definition id).</summary>
public sealed class LineageRegion;
