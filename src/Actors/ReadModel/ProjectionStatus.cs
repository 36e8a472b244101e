namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// How far the read model is behind the journal. Offsets are the journal's <c>ordering</c>; the head is the newest
/// deployment event's, so a caught-up read model has <see cref="Lag"/> 0 however many lineage events follow.
/// </summary>
public sealed record ProjectionStatus
{
    public required int SchemaVersion { get; init; }
    public required long ProjectedOffset { get; init; }
    public required long HeadOffset { get; init; }

    /// <summary>Head offset minus projected offset (0 when caught up).</summary>
    public long Lag => Math.Max(0, HeadOffset - ProjectedOffset);

    /// <summary>How long the oldest deployment event the read model has not applied has been in the journal (zero when caught up).</summary>
    public required TimeSpan TimeBehind { get; init; }

    /// <summary>When the projection last committed (null before its first batch).</summary>
    public DateTimeOffset? LastCommittedAt { get; init; }
}
