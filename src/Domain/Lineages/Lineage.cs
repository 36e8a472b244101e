using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Lineages;

/// <summary>
/// One deployment at a time per lineage, the rest FIFO (at most <see cref="MaxWaiting"/> waiting; beyond that a
/// deployment is refused with the id of the running one), as a pure <c>Decide</c>/<c>Evolve</c> pair like
/// <see cref="Deployments.Deployment"/>. Every input is idempotent, because deployments re-ask after a restart.
/// </summary>
public static class Lineage
{
    public const int MaxWaiting = 20;

    public static LineageState Evolve(LineageState state, ILineageEvent @event) => @event switch
    {
        DeploymentAdmitted e => state with { Waiting = state.Waiting.Add(e.DeploymentId) },
        LineageTaken e => state with
        {
            Running = e.DeploymentId,
            LastStarted = e.DeploymentId,
            Waiting = state.Waiting.Where(id => id != e.DeploymentId).ToValueList(),
        },
        LineageGivenBack e => state with
        {
            Running = state.Running == e.DeploymentId ? null : state.Running,
            Waiting = state.Waiting.Where(id => id != e.DeploymentId).ToValueList(),
            HighestRevisionEver = Math.Max(state.HighestRevisionEver, e.HighestRevisionUsed),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "not a lineage event"),
    };

    public static Decision<ILineageEvent, LineageEffect> Decide(LineageState state, LineageInput input)
    {
        var events = new List<ILineageEvent>();
        var effects = new List<LineageEffect>();
        void Emit(ILineageEvent e)
        {
            events.Add(e);
            state = Evolve(state, e);
        }

        var id = input.DeploymentId;
        switch (input)
        {
            case LineageInput.Admit or LineageInput.AskForTurn when state.LastStarted == id && state.Running != id:
                // A late repeat from the deployment that ran last: admitting it again would let it run twice and
                // take the right to a late rollback from itself.
                effects.Add(new LineageEffect.RefuseTurn(id, $"deployment {id} has already had its turn in lineage '{state.LineageId}'"));
                break;
            case LineageInput.Admit when state.Running == id:
                effects.Add(new LineageEffect.QueuePosition(id, 0, id));
                break;
            case LineageInput.Admit or LineageInput.AskForTurn when !state.Waiting.Contains(id) && state.Running != id && state.Waiting.Count >= MaxWaiting:
                effects.Add(new LineageEffect.RefuseTurn(id, $"{MaxWaiting} deployments already wait for lineage '{state.LineageId}', where {state.Running ?? "none"} is running"));
                break;
            case LineageInput.Admit:
                if (!state.Waiting.Contains(id))
                    Emit(new DeploymentAdmitted(id, input.At));
                effects.Add(new LineageEffect.QueuePosition(id, state.Waiting.ToList().IndexOf(id) + 1, state.Running));
                break;
            case LineageInput.AskForTurn:
                if (state.Running != id && !state.Waiting.Contains(id))
                    Emit(new DeploymentAdmitted(id, input.At));
                // An admitted deployment may reach the head of a free lineage only when it asks (admission never grants).
                TakeNext(state, Emit, effects, input.At);
                if (state.Running == id)
                {
                    if (!effects.OfType<LineageEffect.GrantTurn>().Any(g => g.DeploymentId == id))
                        effects.Add(new LineageEffect.GrantTurn(id, state.LineageId, state.HighestRevisionEver));
                }
                else
                {
                    effects.Add(new LineageEffect.QueuePosition(id, state.Waiting.ToList().IndexOf(id) + 1, state.Running));
                }
                break;
            case LineageInput.AskForRollbackTurn when state.Running == id:
                effects.Add(new LineageEffect.GrantTurn(id, state.LineageId, state.HighestRevisionEver));
                break;
            case LineageInput.AskForRollbackTurn when state.LastStarted != id:
                // Undoing an older deployment would undo the ones that ran after it. (Whoever runs is the last
                // to have started, so this also refuses while another deployment runs.)
                effects.Add(new LineageEffect.RefuseTurn(id, $"deployment {state.LastStarted ?? "none"} has run in lineage '{state.LineageId}' since"));
                break;
            case LineageInput.AskForRollbackTurn:
                Emit(new LineageTaken(id, input.At));
                effects.Add(new LineageEffect.GrantTurn(id, state.LineageId, state.HighestRevisionEver));
                break;
            case LineageInput.GiveBack giveBack when state.Running == id || state.Waiting.Contains(id):
                Emit(new LineageGivenBack(id, giveBack.HighestRevisionUsed, input.At));
                effects.Add(new LineageEffect.Released(id));
                TakeNext(state, Emit, effects, input.At);
                break;
            case LineageInput.GiveBack:
                // Giving back what is not held (a repeat after a restart) changes nothing, and is confirmed all the same.
                effects.Add(new LineageEffect.Released(id));
                break;
            default:
                // An input this release does not know records nothing; the asker gets no answer and will ask again.
                break;
        }
        return new(events.ToValueList(), effects.ToValueList());
    }

    public static LineageState Replay(string lineageId, IEnumerable<ILineageEvent> events) =>
        events.Aggregate(LineageState.Initial(lineageId), Evolve);

    private static void TakeNext(LineageState current, Action<ILineageEvent> emit, List<LineageEffect> effects, DateTimeOffset at)
    {
        if (current.Running is not null || current.Waiting.Count == 0)
            return;
        var next = current.Waiting[0];
        emit(new LineageTaken(next, at));
        effects.Add(new LineageEffect.GrantTurn(next, current.LineageId, current.HighestRevisionEver));
    }
}
