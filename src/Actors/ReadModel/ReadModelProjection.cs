namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The ActorRegistry key of the projection singleton's proxy, on every node: <see cref="ReadModelProtocol.Rebuild"/>
/// goes there, whichever node runs the projection.
/// </summary>
public sealed class ReadModelProjection;
