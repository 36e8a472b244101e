using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The read model's rows from a deployment's events. Every row is derived from the states <see cref="Deployment.Evolve"/>
/// gives before and after the event, not from the event alone, so the read model says what the state machine
/// means (a late outcome of a step no longer running changes nothing here either) without a second copy of its rules.
/// </summary>
internal static class DeploymentProjection
{
    /// <summary>Folds the event of <paramref name="sequenceNr"/> (at journal <paramref name="offset"/>) and adds the rows it changes.</summary>
    public static FoldedDeployment Apply(FoldedDeployment before, IDeploymentEvent @event, long sequenceNr, long offset, RowChanges rows)
    {
        var after = before.Then(@event, sequenceNr);
        var (was, state) = (before.State, after.State);
        // Only a journal that lost its first event reads so: nothing can be said of a deployment without its spec.
        if (state.Spec is not { } spec)
            return after;
        var id = state.DeploymentId;
        if (was.InFlight is { } ended && state.InFlight != ended)
        {
            var startedSeq = before.InFlightSince
                ?? throw new InvalidOperationException($"{id}: step {ended.Step.Id} ended at sequence {sequenceNr} but its start was never folded");
            rows.Step(new StepRow(id, startedSeq, Ended(ended, @event)));
            if (@event is StepSucceeded succeeded)
                RecordGroupChange(state, spec, ended.Step.Action, succeeded, sequenceNr, offset, rows);
        }
        if (state.InFlight is { } started && started != was.InFlight)
            rows.Step(new StepRow(id, sequenceNr, Started(started)));
        for (var position = was.Warnings.Count; position < state.Warnings.Count; position++)
            rows.Warning(new WarningRow(id, position, state.Warnings[position]));
        if (@event is SetupPlanned planned)
            ObserveLineage(state, spec, planned, sequenceNr, offset, rows);
        rows.Summary(Summary(after, spec, offset, @event.At));
        return after;
    }

    private static DeploymentSummary Summary(FoldedDeployment folded, DeploymentSpec spec, long offset, DateTimeOffset at)
    {
        var state = folded.State;
        return new DeploymentSummary
        {
            DeploymentId = state.DeploymentId,
            LineageId = spec.Infrastructure.Id,
            Service = spec.Service.Name,
            Environment = spec.Environment.Name,
            Strategy = spec.Strategy.Type,
            Status = state.Status,
            Phase = folded.Phase,
            PhaseCount = state.Plan is null ? null : state.Steps.Max(s => s.Phase),
            CurrentStepId = state.InFlight?.Step.Id,
            CurrentAction = state.InFlight?.Step.Action.Name,
            NewAsg = state.Plan?.NewAsgName,
            PreviousAsg = state.Plan?.Previous?.Name,
            SubmittedBy = state.SubmittedBy ?? "",
            SubmittedAt = state.SubmittedAt ?? at,
            StartedAt = state.StartedAt,
            EndedAt = state.EndedAt,
            FailureReason = state.FailureReason,
            WarningCount = state.Warnings.Count,
            LastSequenceNr = folded.SequenceNr,
            LastOffset = offset,
            LastChangedAt = at,
        };
    }

    private static StepRecord Started(StepStarted started) => new()
    {
        StepId = started.Step.Id,
        Stage = started.Step.Stage,
        Phase = started.Step.Phase,
        Action = started.Step.Action.Name,
        Target = started.Step.Action.Target,
        Tolerated = started.Step.Tolerated,
        StartedAt = started.At,
        Deadline = started.Deadline,
    };

    /// <summary>
    /// The step as the event that took it out of flight ended it: its outcome, or a cancellation by an interrupt (a
    /// wait or gate stops at once) or by an abort.
    /// </summary>
    private static StepRecord Ended(StepStarted running, IDeploymentEvent @event) => @event switch
    {
        StepSucceeded succeeded => Started(running) with { EndedAt = succeeded.At, Outcome = StepOutcomeKind.Succeeded, Detail = succeeded.Detail },
        StepFailed failed => Started(running) with
        {
            EndedAt = failed.At,
            Outcome = StepOutcomeKind.Failed,
            FailureKind = failed.Failure.Kind,
            FailureCode = failed.Failure.Code,
            FailureMessage = failed.Failure.Message,
        },
        InterruptRequested interrupt => Cancelled(
            running, interrupt.At, $"{CamelCaseEnumConverter<InterruptKind>.NameOf(interrupt.Kind)} requested by {interrupt.By}: {interrupt.Reason}"),
        DeploymentAborted aborted => Cancelled(running, aborted.At, $"aborted by {aborted.By}: {aborted.Reason}"),
        // An event a later release adds that ends a step: the timeline still shows the step ended, and by what.
        _ => Cancelled(running, @event.At, $"ended when the deployment recorded {@event.GetType().Name}"),
    };

    private static StepRecord Cancelled(StepStarted running, DateTimeOffset at, string detail) =>
        Started(running) with { EndedAt = at, Outcome = StepOutcomeKind.Cancelled, Detail = detail };

    /// <summary>
    /// What setup saw of the lineage when it planned: every member group at its capacity (the previous group at the
    /// capacity rollback restores), and the new group with the revision it will get.
    /// </summary>
    private static void ObserveLineage(DeploymentState state, DeploymentSpec spec, SetupPlanned planned, long sequenceNr, long offset, RowChanges rows)
    {
        var plan = planned.Plan;
        var lineageId = spec.Infrastructure.Id;
        foreach (var asg in state.Inventory?.Lineage ?? [])
        {
            if (LineageTags.Recognize(asg, spec.Infrastructure.LineageTag, lineageId) is not { } member)
                continue;
            var role = RoleOf(member.Name, plan);
            rows.GroupChange(new GroupChangeRow(lineageId, member.Name, sequenceNr, new GroupChange(
                state.DeploymentId, role, GroupChangeKind.Observed, null, member.MinSize, member.DesiredCapacity, member.MaxSize, planned.At, offset)));
            rows.Group(new GroupRow(lineageId, new LineageGroup
            {
                Name = member.Name,
                // The revision tag reads as 0 when it is missing or not a number; revisions start at 1.
                Revision = member.Revision > 0 ? member.Revision : null,
                MinSize = member.MinSize,
                DesiredCapacity = member.DesiredCapacity,
                MaxSize = member.MaxSize,
                LastDeploymentId = state.DeploymentId,
                LastRole = role,
                LastChangedAt = planned.At,
            }));
        }
        rows.Group(new GroupRow(lineageId, new LineageGroup
        {
            Name = plan.NewAsgName,
            Revision = plan.Revision,
            LastDeploymentId = state.DeploymentId,
            LastRole = GroupRole.New,
            LastChangedAt = planned.At,
        }));
    }

    /// <summary>A successful create, resize or delete: the group's capacity (or existence) is now what the step set.</summary>
    private static void RecordGroupChange(
        DeploymentState state, DeploymentSpec spec, StepAction action, StepSucceeded succeeded, long sequenceNr, long offset, RowChanges rows)
    {
        var (name, kind, min, desired, max) = action switch
        {
            CreateAsg create => (create.Request.Name, GroupChangeKind.Created, create.Request.MinSize, create.Request.DesiredCapacity, (int?)create.Request.MaxSize),
            ResizeAsg resize => (resize.Asg, GroupChangeKind.Resized, resize.MinSize, (int?)resize.DesiredCapacity, resize.MaxSize),
            DeleteAsg delete => (delete.Asg, GroupChangeKind.Deleted, null, null, null),
            _ => (null, default(GroupChangeKind), null, null, null),
        };
        if (name is null)
            return;
        var lineageId = spec.Infrastructure.Id;
        var role = RoleOf(name, state.Plan);
        rows.GroupChange(new GroupChangeRow(lineageId, name, sequenceNr, new GroupChange(
            state.DeploymentId, role, kind, succeeded.StepId, min, desired, max, succeeded.At, offset)));
        rows.Group(new GroupRow(lineageId, new LineageGroup
        {
            Name = name,
            Revision = name == state.Plan?.NewAsgName ? state.Plan.Revision : null,
            CreatedBy = kind == GroupChangeKind.Created ? state.DeploymentId : null,
            CreatedAt = kind == GroupChangeKind.Created ? succeeded.At : null,
            DeletedBy = kind == GroupChangeKind.Deleted ? state.DeploymentId : null,
            DeletedAt = kind == GroupChangeKind.Deleted ? succeeded.At : null,
            MinSize = min,
            DesiredCapacity = desired,
            MaxSize = max,
            LastDeploymentId = state.DeploymentId,
            LastRole = role,
            LastChangedAt = succeeded.At,
        }));
    }

    private static GroupRole RoleOf(string group, SetupPlan? plan) =>
        group == plan?.NewAsgName ? GroupRole.New
        : group == plan?.Previous?.Name ? GroupRole.Previous
        : GroupRole.Older;
}
