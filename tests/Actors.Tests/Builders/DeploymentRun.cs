using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.Tests.Builders;

/// <summary>
/// A whole deployment through the pure state machine against a random world (steps fail, operators abort or roll
/// back, approvals are rejected, a late rollback is refused), recording every input, event, state and effect it
/// went through, so that tests get realistic values of every protocol type rather than hand-built ones.
/// </summary>
internal sealed class DeploymentRun
{
    private DateTimeOffset now;

    private DeploymentRun(string deploymentId, DateTimeOffset start)
    {
        State = DeploymentState.Initial(deploymentId);
        now = start;
        States.Add(State);
    }

    public DeploymentState State { get; private set; }

    public List<DeploymentInput> Inputs { get; } = [];

    public List<IDeploymentEvent> Events { get; } = [];

    public List<DeploymentState> States { get; } = [];

    public List<DeploymentEffect> Effects { get; } = [];

    /// <summary>Plays one deployment; the world's choices come from <paramref name="seed"/>, so a run repeats exactly.</summary>
    public static DeploymentRun Play(DeploymentSpec spec, SetupInventory inventory, int seed, int failurePercent, int interruptPercent)
    {
        var world = new Random(seed);
        var run = new DeploymentRun($"dep-{seed % 1000}", SampleLineages.Epoch.AddDays(seed % 365));
        run.Feed(new DeploymentInput.Submit(run.State.DeploymentId, spec, "alice", run.now));
        var lineageRequested = true;
        for (var guard = 0; guard < 400; guard++)
        {
            run.now = run.now.AddSeconds(world.Next(1, 120));
            if (lineageRequested)
            {
                lineageRequested = false;
                run.Feed(run.State.PendingRollback is not null && world.Next(100) < 30
                    ? new DeploymentInput.LineageDenied("a later deployment has run", run.now)
                    : new DeploymentInput.LineageGranted(spec.Infrastructure.Id, world.Next(0, 3), run.now));
                continue;
            }
            if (run.State.InFlight is not { } step)
            {
                if (run.State.Status is DeploymentStatus.Failed or DeploymentStatus.Aborted or DeploymentStatus.RollbackFailed && world.Next(100) < 60)
                {
                    var decision = run.Feed(new DeploymentInput.RequestRollback("ops", "clean up", run.now));
                    lineageRequested = decision.Effects.OfType<DeploymentEffect.RequestLineage>().Any();
                    continue;
                }
                break;
            }
            if (world.Next(100) < interruptPercent)
            {
                run.Feed(world.Next(2) == 0 ? new DeploymentInput.Abort("ops", "stop", run.now) : new DeploymentInput.RequestRollback("ops", "undo", run.now));
                continue;
            }
            run.Feed(Outcome(step, inventory, world, failurePercent, run.now));
        }
        return run;
    }

    private static DeploymentInput Outcome(StepStarted step, SetupInventory inventory, Random world, int failurePercent, DateTimeOffset now)
    {
        if (step.Step.Action is AwaitApproval)
        {
            return world.Next(100) < 80
                ? new DeploymentInput.Approve("ops", now, step.Step.Id)
                : new DeploymentInput.Reject("ops", "no", now, step.Step.Id);
        }
        if (world.Next(100) < failurePercent)
        {
            var kind = (StepFailureKind)world.Next(0, 5);
            return DeploymentInput.StepOutcome.Failed(step.Step.Id, new StepFailure(kind, "the world said no", world.Next(2) == 0 ? null : "ValidationError"), now);
        }
        StepResult? result = step.Step.Action switch
        {
            DiscoverSetup => new SetupObserved(inventory),
            CreateLaunchTemplateVersion create => new LaunchTemplateVersionCreated(create.LaunchTemplateId, create.SourceVersion + 1),
            CreateLaunchTemplate => new LaunchTemplateVersionCreated("lt-0fedcba9876543210", 1),
            _ => null,
        };
        return DeploymentInput.StepOutcome.Succeeded(step.Step.Id, now, result, world.Next(3) == 0 ? "observed 4 healthy" : null);
    }

    private Decision<IDeploymentEvent, DeploymentEffect> Feed(DeploymentInput input)
    {
        var decision = Deployment.Decide(State, input);
        foreach (var e in decision.Events)
        {
            State = Deployment.Evolve(State, e);
            States.Add(State);
        }
        Inputs.Add(input);
        Events.AddRange(decision.Events);
        Effects.AddRange(decision.Effects);
        return decision;
    }
}
