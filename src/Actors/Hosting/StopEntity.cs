namespace AmiOrchestrator.Actors.Hosting;

/// <summary>
/// What sharding sends an entity to stop it (idle passivation, hand-off to another node). Unlike the default
/// PoisonPill it waits its turn: a persistent entity stashes it behind a persist in progress, so the commands stashed
/// before it are handled rather than dropped.
/// </summary>
internal sealed class StopEntity
{
    public static StopEntity Instance { get; } = new();

    private StopEntity()
    {
    }
}
