using AmiOrchestrator.TestSupport.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Steps.Tests.Support;

/// <summary>
/// Drives a whole deployment the way the actors will, without them: every input through Decide, every event through
/// Evolve, every RunStep through the executor (or, for waits, through <see cref="WaitPoller"/>), approvals answered by
/// the test, the lineage granted at once. It records every step outcome so tests can say what happened.
/// </summary>
internal sealed class DeploymentRun(SimulatedRegion region, DeploymentSpec spec, string deploymentId = "dep-1")
{
    private readonly List<IDeploymentEvent> events = [];
    private readonly Queue<DeploymentEffect> pending = new();

    public DeploymentState State { get; private set; } = DeploymentState.Initial(deploymentId);

    public IReadOnlyList<IDeploymentEvent> Events => events;

    public IEnumerable<StepStarted> Started => events.OfType<StepStarted>();

    /// <summary>What to answer at a manual approval gate; approves by default.</summary>
    public Func<StepStarted, DeploymentInput> Approval { get; init; } =
        gate => new DeploymentInput.Approve("tester", DateTimeOffset.MinValue, gate.Step.Id);

    /// <summary>Called before each step runs; a test may feed an input here (a rollback request, an abort) or change the cloud.</summary>
    public Func<StepStarted, DeploymentRun, Task>? BeforeStep { get; init; }

    public async Task<DeploymentState> RunAsync(TimeSpan? realTimeLimit = null)
    {
        using var limit = new CancellationTokenSource(realTimeLimit ?? TimeSpan.FromMinutes(2));
        Feed(new DeploymentInput.Submit(deploymentId, WebSpecs.Valid(spec), "tester", Now));
        while (pending.TryDequeue(out var effect))
        {
            limit.Token.ThrowIfCancellationRequested();
            switch (effect)
            {
                case DeploymentEffect.RequestLineage:
                    Feed(new DeploymentInput.LineageGranted(State.LineageId, 0, Now));
                    break;
                case DeploymentEffect.RunStep run when State.InFlight?.Step.Id == run.Step.Step.Id:
                    await RunStepAsync(run.Step, limit.Token);
                    break;
            }
        }
        return State;
    }

    /// <summary>Feeds an input; the effects of its decision are carried out in turn.</summary>
    public Decision<IDeploymentEvent, DeploymentEffect> Feed(DeploymentInput input)
    {
        var decision = Deployment.Decide(State, input);
        foreach (var @event in decision.Events)
        {
            events.Add(@event);
            State = Deployment.Evolve(State, @event);
        }
        foreach (var effect in decision.Effects)
            pending.Enqueue(effect);
        return decision;
    }

    private DateTimeOffset Now => region.Clock.GetUtcNow();

    private async Task RunStepAsync(StepStarted started, CancellationToken cancellationToken)
    {
        if (BeforeStep is { } before)
        {
            await before(started, this);
            if (State.InFlight?.Step.Id != started.Step.Id)
                return; // the test's input cancelled the step (an abort or rollback of a wait)
        }
        DeploymentInput outcome = started.Step.Action switch
        {
            AwaitApproval => Approval(started) with { At = Now },
            WaitSteady or WaitDeregistered => await WaitPoller.WaitAsync(region.Cloud, started, region.Clock, cancellationToken),
            _ => await region.Executor.RunAsync(StepRequest.From(State, started), cancellationToken),
        };
        Feed(outcome);
    }
}
