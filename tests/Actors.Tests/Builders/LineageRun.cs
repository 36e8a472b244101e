using AmiOrchestrator.Domain.Lineages;

namespace AmiOrchestrator.Actors.Tests.Builders;

/// <summary>
/// A lineage fed a sequence of inputs through the pure decider, recording its events, effects and states: the model
/// that the lineage actor's behaviour and its journal are checked against.
/// </summary>
internal sealed class LineageRun(string lineageId)
{
    public LineageState State { get; private set; } = LineageState.Initial(lineageId);

    public List<ILineageEvent> Events { get; } = [];

    public List<LineageEffect> Effects { get; } = [];

    public List<LineageState> States { get; } = [LineageState.Initial(lineageId)];

    public IReadOnlyList<LineageEffect> Feed(LineageInput input)
    {
        var decision = Lineage.Decide(State, input);
        foreach (var e in decision.Events)
        {
            State = Lineage.Evolve(State, e);
            States.Add(State);
        }
        Events.AddRange(decision.Events);
        Effects.AddRange(decision.Effects);
        return decision.Effects;
    }

    public LineageRun FeedAll(IEnumerable<LineageInput> inputs)
    {
        foreach (var input in inputs)
            Feed(input);
        return this;
    }
}
