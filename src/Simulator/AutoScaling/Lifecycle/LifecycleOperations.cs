using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling.Lifecycle;

/// <summary>
/// CompleteLifecycleAction, RecordLifecycleActionHeartbeat and DeleteLifecycleHook: what the user's automation (or a
/// fixture's hook handler standing in for it) does with an instance a hook holds.
/// </summary>
internal static class LifecycleOperations
{
    private static readonly string[] Results = [LifecycleTransitions.Continue, LifecycleTransitions.Abandon];

    public static OperationResult CompleteLifecycleAction(OperationContext context)
    {
        var parameters = context.Parameters;
        var result = parameters.Required("LifecycleActionResult");
        if (!Results.Contains(result, StringComparer.Ordinal))
            throw AutoScalingErrors.Validation($"Invalid value {result} for LifecycleActionResult. Valid values are CONTINUE and ABANDON.");
        var (instance, action) = Find(context);
        action.Complete(context.Now, result, $"Lifecycle Action Completed with {result} Result");
        LifecycleProcess.Resolve(context.Region, instance, context.Now);
        return OperationResult.Of();
    }

    public static OperationResult RecordLifecycleActionHeartbeat(OperationContext context)
    {
        var (_, action) = Find(context);
        action.Heartbeat(context.Now);
        return OperationResult.Of();
    }

    /// <summary>
    /// Deletes a hook. Actions still waiting on it complete first, as AWS documents: ABANDON for launching instances,
    /// CONTINUE for terminating ones.
    /// </summary>
    public static OperationResult DeleteLifecycleHook(OperationContext context)
    {
        var group = GroupOperations.LiveGroup(context);
        var name = context.Parameters.Required("LifecycleHookName");
        if (!group.LifecycleHooks.Remove(name))
            throw AutoScalingErrors.Validation($"No Lifecycle Hook found with name {name} for group {group.Name}");
        foreach (var instance in group.Instances.Where(i => i.PendingActions.Any(a => a.HookName == name)).ToList())
        {
            foreach (var action in instance.PendingActions.Where(a => a.HookName == name).ToList())
            {
                var result = action.IsLaunch ? LifecycleTransitions.Abandon : LifecycleTransitions.Continue;
                action.Complete(context.Now, result, $"Lifecycle Hook {name} was deleted");
            }
            LifecycleProcess.Resolve(context.Region, instance, context.Now);
        }
        return OperationResult.Of();
    }

    /// <summary>The waiting action the call names, by token or by instance id, with AWS's errors when there is none.</summary>
    private static (SimulatedInstance Instance, LifecycleAction Action) Find(OperationContext context)
    {
        var parameters = context.Parameters;
        var group = GroupOperations.LiveGroup(context);
        var hookName = parameters.Required("LifecycleHookName");
        if (!group.LifecycleHooks.ContainsKey(hookName))
            throw AutoScalingErrors.Validation($"No Lifecycle Hook found with name {hookName} for group {group.Name}");
        var token = parameters["LifecycleActionToken"];
        var instanceId = parameters["InstanceId"];
        if (token is null && instanceId is null)
            throw AutoScalingErrors.Validation("Either LifecycleActionToken or InstanceId must be specified.");
        foreach (var instance in group.Instances)
        {
            if (instanceId is not null && instance.InstanceId != instanceId)
                continue;
            var action = instance.PendingActions.FirstOrDefault(a => a.HookName == hookName && (token is null || a.Token == token));
            if (action is not null)
                return (instance, action);
        }
        throw AutoScalingErrors.Validation(token is not null
            ? $"No active Lifecycle Action found with token {token}"
            : $"No active Lifecycle Action found with instance ID {instanceId}");
    }
}
