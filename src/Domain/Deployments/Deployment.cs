using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// The whole logic of a deployment as two pure functions (DESIGN.md "The deployment as a pure state machine").
/// <see cref="Evolve"/> applies a persisted event; <see cref="Decide"/> turns an input into events to persist and
/// effects to perform. Inputs only record facts; what happens next is derived from the state alone, so a state
/// rebuilt from any prefix of the journal carries on exactly as the live one would.
/// </summary>
public static class Deployment
{
    public static DeploymentState Evolve(DeploymentState state, IDeploymentEvent @event) => @event switch
    {
        DeploymentSubmitted e => state with
        {
            Status = DeploymentStatus.Queued,
            Spec = e.Spec,
            SubmittedBy = e.SubmittedBy,
            SubmittedAt = e.At,
            Steps = [DeploymentProgram.Discovery(state.DeploymentId)],
        },
        DeploymentStarted e => state with { Status = DeploymentStatus.SettingUp, HighestRevisionEver = e.HighestRevisionEver, StartedAt = e.At },
        SetupPlanned e => state with { Plan = e.Plan, Steps = state.Steps.AddRange(e.Steps), Warnings = state.Warnings.AddRange(e.Plan.Warnings) },
        StepStarted e => state with
        {
            InFlight = e,
            Status = StatusWhileRunning(e.Step),
            TouchedAsgs = e.Step.Action.MutatedAsg is { } asg && !state.TouchedAsgs.Contains(asg) ? state.TouchedAsgs.Add(asg) : state.TouchedAsgs,
        },
        StepSucceeded e when state.InFlight?.Step.Id == e.StepId => Advance(state) with
        {
            InFlight = null,
            Inventory = e.Result is SetupObserved observed ? observed.Inventory : state.Inventory,
            NewLaunchTemplate = e.Result as LaunchTemplateVersionCreated ?? state.NewLaunchTemplate,
        },
        StepFailed e when state.InFlight is { Step.Tolerated: true } inFlight && inFlight.Step.Id == e.StepId => Advance(state) with
        {
            InFlight = null,
            Warnings = state.Warnings.Add($"{e.StepId}: {e.Failure}"),
        },
        StepFailed e when state.InFlight?.Step.Id == e.StepId => state with
        {
            InFlight = null,
            PendingFailure = e,
            FailureReason = $"{e.StepId} failed: {e.Failure}",
        },
        StepSucceeded or StepFailed => state,
        InterruptRequested e => state with
        {
            Interrupt = e,
            InFlight = e.CancelledStepId is not null && e.CancelledStepId == state.InFlight?.Step.Id ? null : state.InFlight,
        },
        RollbackStarted e => state with
        {
            Status = DeploymentStatus.RollingBack,
            RollbackSteps = e.Steps,
            NextRollbackStep = 0,
            RollbackAttempt = e.Attempt,
            Interrupt = null,
            PendingRollback = null,
            PendingFailure = null,
            EndedAt = null,
        },
        RollbackRequested e => state with { PendingRollback = e },
        RollbackDenied e => state with { PendingRollback = null, Warnings = state.Warnings.Add("rollback refused: " + e.Reason) },
        DeploymentSucceeded e => state with { Status = DeploymentStatus.Succeeded, EndedAt = e.At },
        DeploymentFailed e => state with
        {
            Status = DeploymentStatus.Failed,
            FailureReason = e.Reason,
            Problems = e.Problems,
            PendingFailure = null,
            Interrupt = null,
            EndedAt = e.At,
        },
        DeploymentAborted e => state with
        {
            Status = DeploymentStatus.Aborted,
            InFlight = null,
            Interrupt = null,
            PendingFailure = null,
            FailureReason = $"aborted by {e.By}: {e.Reason}",
            EndedAt = e.At,
        },
        DeploymentRolledBack e => state with { Status = DeploymentStatus.RolledBack, EndedAt = e.At },
        RollbackFailed e => state with
        {
            Status = DeploymentStatus.RollbackFailed,
            FailureReason = e.Reason,
            PendingFailure = null,
            Interrupt = null,
            EndedAt = e.At,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "not a deployment event"),
    };

    public static DeploymentState Replay(string deploymentId, IEnumerable<IDeploymentEvent> events) =>
        events.Aggregate(DeploymentState.Initial(deploymentId), Evolve);

    public static Decision<IDeploymentEvent, DeploymentEffect> Decide(DeploymentState state, DeploymentInput input)
    {
        var decider = new Decider(state, input.At);
        decider.Handle(input);
        return decider.ToDecision();
    }

    private static DeploymentState Advance(DeploymentState state) => state.InFlight?.Step.Stage == StepStage.Rollback
        ? state with { NextRollbackStep = state.NextRollbackStep + 1 }
        : state with { NextStep = state.NextStep + 1 };

    private static DeploymentStatus StatusWhileRunning(PlannedStep step) => step.Stage switch
    {
        StepStage.Setup => DeploymentStatus.SettingUp,
        StepStage.Gate when step.Action is AwaitApproval => DeploymentStatus.AwaitingApproval,
        StepStage.Deploy or StepStage.Gate => DeploymentStatus.Deploying,
        StepStage.Swap => DeploymentStatus.Swapping,
        _ => DeploymentStatus.RollingBack,
    };

    /// <summary>Accumulates one decision, applying each event as it is emitted so later choices see it.</summary>
    private sealed class Decider(DeploymentState initial, DateTimeOffset at)
    {
        private readonly List<IDeploymentEvent> events = [];
        private readonly List<DeploymentEffect> effects = [];

        private DeploymentState State { get; set; } = initial;

        public Decision<IDeploymentEvent, DeploymentEffect> ToDecision() => new(events.ToValueList(), effects.ToValueList());

        public void Handle(DeploymentInput input)
        {
            switch (input)
            {
                case DeploymentInput.Submit submit:
                    OnSubmit(submit);
                    break;
                case DeploymentInput.LineageGranted granted:
                    OnLineageGranted(granted);
                    break;
                case DeploymentInput.LineageDenied denied when State.PendingRollback is not null:
                    Emit(new RollbackDenied(denied.Reason, at));
                    break;
                case DeploymentInput.LineageDenied denied when State.Status == DeploymentStatus.Queued:
                    // The lineage's queue is full: the deployment never ran and never will under this id.
                    Emit(new DeploymentFailed("not admitted to its lineage: " + denied.Reason, ValueList<SpecProblem>.Empty, at));
                    Release();
                    break;
                case DeploymentInput.LineageDenied:
                    break; // a refusal of a request this deployment no longer has outstanding
                case DeploymentInput.StepOutcome outcome:
                    OnStepOutcome(outcome);
                    break;
                case DeploymentInput.Approve approve:
                    OnApproval(approve.By, approve.GateStepId, null);
                    break;
                case DeploymentInput.Reject reject:
                    OnApproval(reject.By, reject.GateStepId, reject.Reason);
                    break;
                case DeploymentInput.RequestRollback rollback:
                    OnRollbackRequest(rollback);
                    break;
                case DeploymentInput.Abort abort:
                    OnAbort(abort);
                    break;
                case DeploymentInput.Recover:
                    OnRecover();
                    break;
                default:
                    // An input this release does not know (a newer node's message) records nothing and is answered as such.
                    Answer(false, $"'{input.GetType().Name}' is not an input this deployment understands");
                    break;
            }
        }

        private void OnSubmit(DeploymentInput.Submit submit)
        {
            if (State.Status != DeploymentStatus.New)
            {
                // Submitting the same deployment again is answered with its status and starts nothing.
                if (State.Spec == submit.Spec)
                    Answer(true, "already submitted; nothing new was started");
                else
                    Answer(false, $"deployment id '{State.DeploymentId}' is already used by a different spec");
                return;
            }
            var problems = new List<SpecProblem>();
            if (DeploymentIds.Problem(submit.DeploymentId) is { } idProblem)
                problems.Add(new SpecProblem("deploymentId", idProblem));
            else if (submit.DeploymentId != State.DeploymentId)
                problems.Add(new SpecProblem("deploymentId", $"'{submit.DeploymentId}' reached deployment '{State.DeploymentId}'"));
            problems.AddRange(SpecReader.Check(submit.Spec).Problems);
            if (problems.Count > 0)
            {
                Answer(false, "the spec is invalid", problems.ToValueList());
                return;
            }
            Emit(new DeploymentSubmitted(submit.DeploymentId, submit.Spec, submit.SubmittedBy, at));
            Do(new DeploymentEffect.RequestLineage(State.LineageId, State.DeploymentId));
            Answer(true, "queued");
        }

        private void OnLineageGranted(DeploymentInput.LineageGranted granted)
        {
            if (State.Spec is not null && granted.LineageId != State.LineageId)
                return; // a grant for another lineage reached this deployment; it is not this deployment's to use or give back
            if (State.Status == DeploymentStatus.Queued)
            {
                Emit(new DeploymentStarted(granted.HighestRevisionEver, at));
                Continue();
            }
            else if (State.PendingRollback is { } pending)
            {
                StartRollback($"rollback requested by {pending.By}: {pending.Reason}", automatic: false);
                Continue();
            }
            else if (State.Status == DeploymentStatus.New || (State.HasEnded && State.Status != DeploymentStatus.RollbackFailed))
            {
                // A turn this deployment cannot use (it was never submitted, or it has ended) would block the lineage.
                Do(new DeploymentEffect.ReleaseLineage(granted.LineageId, State.DeploymentId, State.Plan?.Revision ?? State.HighestRevisionEver));
            }
        }

        private void OnStepOutcome(DeploymentInput.StepOutcome outcome)
        {
            if (State.InFlight is not { } inFlight || inFlight.Step.Id != outcome.StepId)
                return; // a late or repeated outcome of a step that is no longer running
            var failure = outcome.Failure ?? MissingResult(inFlight.Step.Action, outcome.Result);
            if (failure is null)
                Emit(new StepSucceeded(outcome.StepId, outcome.Result, outcome.Detail, at));
            else
                Emit(new StepFailed(outcome.StepId, failure, at));
            Continue();
        }

        private void OnApproval(string by, string? gateStepId, string? rejection)
        {
            if (State.InFlight is not { Step.Action: AwaitApproval } inFlight)
            {
                Answer(false, $"the deployment is {State.Status}, not awaiting approval");
                return;
            }
            if (gateStepId is not null && gateStepId != inFlight.Step.Id)
            {
                Answer(false, $"gate {gateStepId} is not the one waiting ({inFlight.Step.Id})");
                return;
            }
            if (rejection is null)
                Emit(new StepSucceeded(inFlight.Step.Id, null, $"approved by {by}", at));
            else
                Emit(new StepFailed(inFlight.Step.Id, new StepFailure(StepFailureKind.Rejected, $"rejected by {by}: {rejection}"), at));
            Continue();
            Answer(true, rejection is null ? "approved" : "rejected");
        }

        private void OnRollbackRequest(DeploymentInput.RequestRollback request)
        {
            switch (State.Status)
            {
                case DeploymentStatus.New:
                    Answer(false, "no such deployment");
                    return;
                case DeploymentStatus.Queued:
                    Emit(new DeploymentAborted(request.By, "cancelled before it started: " + request.Reason, at));
                    Release();
                    Answer(true, "it had not started; nothing to roll back, so it is cancelled");
                    return;
                case DeploymentStatus.Succeeded or DeploymentStatus.RolledBack:
                    Answer(false, $"the deployment has ended ({State.Status}); deploy the previous AMI to go back");
                    return;
                case DeploymentStatus.RollingBack:
                    Answer(false, "the deployment is already rolling back");
                    return;
                case DeploymentStatus.RollbackFailed:
                    StartRollback($"rollback retried by {request.By}: {request.Reason}", automatic: false);
                    Continue();
                    Answer(true, "rolling back again from the step that failed");
                    return;
                case DeploymentStatus.Failed or DeploymentStatus.Aborted:
                    if (State.PendingRollback is not null)
                    {
                        Answer(false, "a rollback is already waiting for the lineage");
                        return;
                    }
                    if (State.TouchedAsgs.Count == 0)
                    {
                        Answer(false, "the deployment changed no group, so there is nothing to roll back");
                        return;
                    }
                    // The lineage was given back when the deployment ended; it must be this deployment's again first.
                    Emit(new RollbackRequested(request.By, request.Reason, at));
                    Do(new DeploymentEffect.RequestLineage(State.LineageId, State.DeploymentId, ForRollback: true));
                    Answer(true, "rollback waits for the lineage");
                    return;
                default:
                    Interrupt(InterruptKind.Rollback, request.By, request.Reason);
                    return;
            }
        }

        private void OnAbort(DeploymentInput.Abort abort)
        {
            switch (State.Status)
            {
                case DeploymentStatus.New:
                    Answer(false, "no such deployment");
                    return;
                case DeploymentStatus.Queued or DeploymentStatus.RollbackFailed:
                    Emit(new DeploymentAborted(abort.By, abort.Reason, at));
                    Release();
                    Answer(true, "aborted");
                    return;
                case DeploymentStatus.Succeeded or DeploymentStatus.RolledBack or DeploymentStatus.Failed or DeploymentStatus.Aborted:
                    Answer(false, $"the deployment has ended ({State.Status})");
                    return;
                default:
                    Interrupt(InterruptKind.Abort, abort.By, abort.Reason);
                    return;
            }
        }

        private void Interrupt(InterruptKind kind, string by, string reason)
        {
            if (State.Interrupt is { } pending)
            {
                Answer(false, $"{pending.Kind} requested by {pending.By} is already pending");
                return;
            }
            // Waits and gates change nothing, so they stop at once; a change in progress is allowed to finish.
            var cancel = State.InFlight is { Step.Action.IsReadOnly: true } readOnly ? readOnly.Step.Id : null;
            Emit(new InterruptRequested(kind, by, reason, cancel, at));
            if (cancel is not null)
                Do(new DeploymentEffect.CancelStep(cancel));
            Continue();
            Answer(true, cancel is not null || State.InFlight is null
                ? $"{kind} started"
                : $"{kind} will follow the step in progress ({State.InFlight.Step.Id})");
        }

        private void OnRecover()
        {
            if (State.Status == DeploymentStatus.Queued || State.PendingRollback is not null)
                Do(new DeploymentEffect.RequestLineage(State.LineageId, State.DeploymentId, ForRollback: State.PendingRollback is not null));
            else if (State.Status is DeploymentStatus.Succeeded or DeploymentStatus.RolledBack or DeploymentStatus.Failed or DeploymentStatus.Aborted)
                Release();
            if (State.InFlight is { } inFlight)
                Do(new DeploymentEffect.RunStep(inFlight));
            Continue();
        }

        /// <summary>Takes the deployment as far as it can go without waiting for anything, from its state alone.</summary>
        private void Continue()
        {
            while (State.InFlight is null)
            {
                var state = State;
                if (state.Status == DeploymentStatus.RollingBack)
                {
                    if (state.PendingFailure is { } rollbackFailure)
                        Emit(new RollbackFailed($"{rollbackFailure.StepId} failed: {rollbackFailure.Failure}", at));
                    else if (state.NextRollbackStep >= state.RollbackSteps.Count)
                    {
                        // Finished: an abort that came during the last step has nothing left to stop.
                        Emit(new DeploymentRolledBack(at));
                        Release();
                    }
                    else if (state.Interrupt is { Kind: InterruptKind.Abort } abortRollback)
                        Abort(abortRollback);
                    else
                        Start(state.RollbackSteps[state.NextRollbackStep]);
                    return;
                }
                if (!state.IsRunning)
                    return;
                if (state.PendingFailure is { } failure)
                {
                    var reason = $"{failure.StepId} failed: {failure.Failure}";
                    if (state.Interrupt is { Kind: InterruptKind.Abort } abortAfterFailure)
                        Abort(abortAfterFailure);
                    else if (state.Interrupt is not null || state.Spec!.RollbackOnFailure)
                        StartRollback(reason, automatic: state.Interrupt is null);
                    else
                    {
                        Emit(new DeploymentFailed(reason, ValueList<SpecProblem>.Empty, at));
                        Release();
                    }
                    continue;
                }
                if (state.Interrupt is { } interrupt)
                {
                    if (interrupt.Kind == InterruptKind.Abort)
                        Abort(interrupt);
                    else
                        StartRollback($"rollback requested by {interrupt.By}: {interrupt.Reason}", automatic: false);
                    continue;
                }
                if (state.Plan is null && state.Inventory is { } inventory)
                {
                    PlanSetup(state, inventory);
                    continue;
                }
                if (state.NextStep < state.Steps.Count)
                {
                    Start(state.Steps[state.NextStep]);
                    return;
                }
                Emit(new DeploymentSucceeded(at));
                Release();
                return;
            }
        }

        private void PlanSetup(DeploymentState state, SetupInventory inventory)
        {
            var spec = state.Spec!;
            var result = SetupPlanner.Plan(state.DeploymentId, spec, inventory, state.HighestRevisionEver);
            if (result.Plan is { } plan)
            {
                Emit(new SetupPlanned(plan, DeploymentProgram.Forward(state.DeploymentId, spec, plan), at));
                return;
            }
            Emit(new DeploymentFailed("setup cannot go ahead: " + string.Join("; ", result.Problems), result.Problems, at));
            Release();
        }

        private void StartRollback(string reason, bool automatic)
        {
            var state = State;
            var attempt = state.RollbackAttempt + 1;
            var unfinished = state.RollbackSteps.Count > 0 && state.NextRollbackStep < state.RollbackSteps.Count;
            var steps = unfinished
                ? RollbackProgram.Remaining(state.DeploymentId, state.RollbackSteps, state.NextRollbackStep, attempt)
                : RollbackProgram.Plan(state.DeploymentId, state.Spec!, state.Plan, state.TouchedAsgs, attempt);
            if (steps.Count == 0 && automatic)
            {
                Emit(new DeploymentFailed(reason + "; nothing had been changed, so there is nothing to roll back", ValueList<SpecProblem>.Empty, at));
                Release();
                return;
            }
            Emit(new RollbackStarted(attempt, reason, steps, at));
        }

        private void Abort(InterruptRequested interrupt)
        {
            Emit(new DeploymentAborted(interrupt.By, interrupt.Reason, at));
            Release();
        }

        private void Start(PlannedStep step)
        {
            var spec = State.Spec!;
            var materialized = step.Action is CreateAsg create && State.NewLaunchTemplate is { } template
                ? step with { Action = create with { Request = WithLaunchTemplate(create.Request, template) } }
                : step;
            var started = new StepStarted(materialized, Deadline(materialized.Action, spec), at);
            Emit(started);
            Do(new DeploymentEffect.RunStep(started));
        }

        private DateTimeOffset? Deadline(StepAction action, DeploymentSpec spec) => action switch
        {
            Bake bake => Later(bake.BakeTime),
            HttpCheck check => Later(check.Timeout),
            AwaitApproval approval => approval.Timeout is { } timeout ? Later(timeout) : null,
            _ => Later(spec.Timeouts.SteadyState),
        };

        // Validation bounds every duration, but a decision must not throw whatever a spec from an older release held.
        private DateTimeOffset Later(Duration duration) =>
            duration.Value >= DateTimeOffset.MaxValue - at ? DateTimeOffset.MaxValue : at + duration.Value;

        private void Release() =>
            Do(new DeploymentEffect.ReleaseLineage(State.LineageId, State.DeploymentId, State.Plan?.Revision ?? State.HighestRevisionEver));

        private void Answer(bool accepted, string message, ValueList<SpecProblem>? problems = null) =>
            Do(new DeploymentEffect.Reply(new CommandReply(State.DeploymentId, accepted, State.Status, message, problems ?? ValueList<SpecProblem>.Empty)));

        private void Emit(IDeploymentEvent @event)
        {
            events.Add(@event);
            State = Evolve(State, @event);
        }

        private void Do(DeploymentEffect effect) => effects.Add(effect);

        private static CreateAsgRequest WithLaunchTemplate(CreateAsgRequest request, LaunchTemplateVersionCreated template)
        {
            var version = new LaunchTemplateSpec(template.LaunchTemplateId, null, template.VersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return request.MixedInstancesPolicy is { } mixed
                ? request with { MixedInstancesPolicy = mixed with { LaunchTemplate = version } }
                : request with { LaunchTemplate = version };
        }

        // Later decisions depend on these results; a step that claims success without them has not succeeded.
        private static StepFailure? MissingResult(StepAction action, StepResult? result) => action switch
        {
            DiscoverSetup when result is not SetupObserved =>
                new StepFailure(StepFailureKind.NonRetryable, "discovery reported success without an inventory"),
            CreateLaunchTemplateVersion or CreateLaunchTemplate when result is not LaunchTemplateVersionCreated =>
                new StepFailure(StepFailureKind.NonRetryable, "the launch template step reported success without a version"),
            _ => null,
        };
    }
}
