namespace AmiOrchestrator.Domain.Common;

/// <summary>
/// What a decider returns, the same shape for every decider: the events to persist (in order, atomically) and then
/// the effects to perform once they are persisted.
/// </summary>
public sealed record Decision<TEvent, TEffect>(ValueList<TEvent> Events, ValueList<TEffect> Effects)
{
    public static Decision<TEvent, TEffect> None { get; } = new(ValueList<TEvent>.Empty, ValueList<TEffect>.Empty);
}
