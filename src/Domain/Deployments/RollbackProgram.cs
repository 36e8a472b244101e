using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// The steps of a rollback (SEMANTICS.md "Rollback", "Blue/Green" 4) from what the deployment touched: the previous
/// group back to its pre-setup min, desired and max with its policies and the alarms that drive them, the new group to
/// 0 and deleted (the executor deletes the alarm copies made for it with it). Groups
/// setup downsized or deleted stay as they are. Every step is idempotent, so a rollback may run again from the start.
/// </summary>
public static class RollbackProgram
{
    public static ValueList<PlannedStep> Plan(string deploymentId, DeploymentSpec spec, SetupPlan? plan, ValueList<string> touchedAsgs, int attempt)
    {
        if (plan is null)
            return ValueList<PlannedStep>.Empty;
        var segment = PlannedStep.RollbackSegment(attempt);
        var steps = new List<PlannedStep>();
        void Add(StepAction action) => steps.Add(PlannedStep.Create(deploymentId, segment, StepStage.Rollback, 0, action));

        var blueGreen = spec.Strategy.Type == StrategyType.BlueGreen;
        var previous = plan.Previous is { } p && touchedAsgs.Contains(p.Name) ? p : null;
        var newTouched = touchedAsgs.Contains(plan.NewAsgName);
        var poll = spec.Timeouts.PollInterval;
        var infrastructure = spec.Infrastructure;

        void RestorePrevious()
        {
            if (previous is null)
                return;
            Add(new ResizeAsg(previous.Name, previous.MinSize, previous.DesiredCapacity, previous.MaxSize));
            if (blueGreen)
            {
                Add(new AttachRoutes(previous.Name, infrastructure.TargetGroups, infrastructure.LoadBalancers));
                Add(new WaitSteady(previous.Name, previous.DesiredCapacity, infrastructure.TargetGroups, infrastructure.LoadBalancers, poll));
            }
            else
            {
                Add(new WaitSteady(previous.Name, previous.DesiredCapacity, previous.TargetGroups, previous.LoadBalancers, poll));
            }
            if (previous.Policies.Count > 0)
                Add(new PutScalingPolicies(previous.Name, previous.Policies));
            // Deleting the policies at setup took them out of their alarms' actions; putting them back gave them new ARNs.
            if (previous.Alarms.Count > 0)
                Add(new PutPolicyAlarms(previous.Name, previous.Alarms));
            if (previous.ScheduledActions.Count > 0)
                Add(new PutScheduledActions(previous.Name, previous.ScheduledActions));
            if (blueGreen)
                Add(new TagAsg(previous.Name, [new AsgTag(LineageTags.BlueGreenKey, LineageTags.Blue)]));
        }

        // The new group counts as touched once its create has started: the create may have happened even if its
        // outcome was lost. Every teardown step is owner-checked, so a name taken by another group is left alone.
        void RemoveNew()
        {
            if (!newTouched)
                return;
            var name = plan.NewAsgName;
            if (blueGreen)
            {
                // Drain the new group from whichever routes the swap reached before it goes; the previous group serves by now.
                var targetGroups = infrastructure.TargetGroups.AddRange(infrastructure.StageTargetGroups);
                var loadBalancers = infrastructure.LoadBalancers.AddRange(infrastructure.StageLoadBalancers);
                Add(new DetachRoutes(name, targetGroups, loadBalancers, MissingIsDone: true, OwnedBy: deploymentId));
                Add(new WaitDeregistered(name, targetGroups, loadBalancers, poll, MissingIsDone: true, OwnedBy: deploymentId));
                Add(new TagAsg(name, [new AsgTag(LineageTags.BlueGreenKey, LineageTags.Green)], MissingIsDone: true, OwnedBy: deploymentId));
            }
            Add(new ResizeAsg(name, 0, 0, null, MissingIsDone: true, OwnedBy: deploymentId));
            Add(new WaitSteady(name, 0, [], [], poll, MissingIsDone: true, OwnedBy: deploymentId));
            Add(new DeleteAsg(name, OwnedBy: deploymentId));
        }

        // Rollback reverses the resize order; Blue/Green always restores prod on the previous group before removing the new one.
        if (blueGreen || spec.ResizeStrategy == ResizeStrategy.ResizeNewFirst)
        {
            RestorePrevious();
            RemoveNew();
        }
        else
        {
            RemoveNew();
            RestorePrevious();
        }
        return steps.ToValueList();
    }

    /// <summary>The steps a failed or interrupted rollback had left, renamed for the next attempt.</summary>
    public static ValueList<PlannedStep> Remaining(string deploymentId, ValueList<PlannedStep> steps, int from, int attempt) =>
        steps.Skip(from)
            .Select(step => PlannedStep.Create(deploymentId, PlannedStep.RollbackSegment(attempt), StepStage.Rollback, 0, step.Action))
            .ToValueList();
}
