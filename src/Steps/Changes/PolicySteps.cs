using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Steps.Changes;

/// <summary>
/// Scaling policies, scheduled actions and the alarms that drive step and simple policies. Policies and scheduled
/// actions are put by name and deleted by name, so a repeat changes nothing.
/// </summary>
internal static class PolicySteps
{
    public static async Task<StepCompletion> RemoveAsync(StepContext context, RemoveScalingPolicies remove, CancellationToken cancellationToken)
    {
        var cloud = context.Cloud;
        var policies = await cloud.DescribePoliciesAsync(remove.Asg, cancellationToken);
        foreach (var policy in policies)
            await DeletedOrGoneAsync(() => cloud.DeletePolicyAsync(remove.Asg, policy.PolicyName, cancellationToken));
        var scheduled = await cloud.DescribeScheduledActionsAsync(remove.Asg, cancellationToken);
        foreach (var action in scheduled)
            await DeletedOrGoneAsync(() => cloud.DeleteScheduledActionAsync(remove.Asg, action.Name, cancellationToken));
        var removed = policies.Select(p => p.PolicyName).Concat(scheduled.Select(a => a.Name)).ToList();
        return new StepCompletion(removed.Count == 0
            ? $"{remove.Asg} has no scaling policies nor scheduled actions"
            : $"removed {string.Join(", ", removed)} from {remove.Asg}");
    }

    private static async Task DeletedOrGoneAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (CloudException e) when (e.IsNotFound)
        {
            // Deleted by an earlier attempt whose answer was lost.
        }
    }

    public static async Task<StepCompletion> PutAsync(StepContext context, PutScalingPolicies put, CancellationToken cancellationToken)
    {
        foreach (var policy in put.Policies)
            await context.Cloud.PutScalingPolicyAsync(put.Asg, policy, cancellationToken);
        return new StepCompletion($"put {string.Join(", ", put.Policies.Select(p => p.PolicyName))} on {put.Asg}");
    }

    public static async Task<StepCompletion> PutScheduledAsync(StepContext context, PutScheduledActions put, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var putNames = new List<string>();
        var skipped = new List<string>();
        foreach (var action in put.Actions)
        {
            if (ForNow(action, now) is { } current)
            {
                await context.Cloud.PutScheduledActionAsync(put.Asg, current, cancellationToken);
                putNames.Add(action.Name);
            }
            else
            {
                skipped.Add(action.Name);
            }
        }
        var detail = $"put {(putNames.Count == 0 ? "no scheduled actions" : string.Join(", ", putNames))} on {put.Asg}";
        return new StepCompletion(skipped.Count == 0 ? detail : detail + $"; skipped {string.Join(", ", skipped)}, whose time has passed");
    }

    /// <summary>
    /// A copy of a scheduled action as AWS accepts it now: a start time in the past is refused, so a recurring action
    /// keeps its recurrence and lets AWS compute the next run, and a one-time action that has already run is not
    /// copied (it would never run again on the base group either).
    /// </summary>
    private static ScheduledAction? ForNow(ScheduledAction action, DateTimeOffset now) => action.StartTime switch
    {
        _ when action.EndTime <= now => null,
        { } start when start <= now && action.Recurrence is null => null,
        { } start when start <= now => action with { StartTime = null },
        _ => action,
    };

    /// <summary>
    /// Puts the alarms that drive a group's step and simple policies, each action that names a policy (by placeholder)
    /// pointed at the ARN the group's policy has now: putting a policy gives it a new ARN, so the ARN is read, never
    /// remembered. Alarms are put by name, so a repeat changes nothing.
    /// </summary>
    public static async Task<StepCompletion> PutAlarmsAsync(StepContext context, PutPolicyAlarms put, CancellationToken cancellationToken)
    {
        var arns = (await context.Cloud.DescribePoliciesAsync(put.Asg, cancellationToken))
            .Where(p => p.PolicyArn is not null)
            .ToDictionary(p => p.PolicyName, p => p.PolicyArn!, StringComparer.Ordinal);
        var resolved = put.Alarms.Select(alarm => PolicyAlarms.Resolve(alarm, arns)).ToList();
        if (resolved.FirstOrDefault(r => r.Problem is not null) is { Problem: { } problem })
            throw StepFailureException.NonRetryable(problem);
        foreach (var alarm in resolved.Select(r => r.Alarm!))
            await context.Cloud.PutMetricAlarmAsync(alarm, cancellationToken);
        return new StepCompletion($"put alarms {string.Join(", ", put.Alarms.Select(a => a.AlarmName))} for {put.Asg}");
    }

    /// <summary>
    /// Deletes the alarm copies the engine made for a group that is about to be deleted (they would drive policies that
    /// no longer exist); alarms the engine did not make are never touched. Returns the names deleted.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DeleteEngineAlarmsAsync(StepContext context, string asgName, CancellationToken cancellationToken)
    {
        var policies = await context.Cloud.DescribePoliciesAsync(asgName, cancellationToken);
        var copies = policies.SelectMany(p => p.AlarmNames).Where(name => PolicyAlarms.IsEngineCopyFor(name, asgName)).Distinct(StringComparer.Ordinal).ToList();
        if (copies.Count == 0)
            return copies;
        try
        {
            await context.Cloud.DeleteAlarmsAsync(copies, cancellationToken);
        }
        catch (CloudException e) when (e.IsNotFound)
        {
            // CloudWatch refuses names it does not have: an earlier attempt (its answer lost) deleted some; delete the rest.
            var left = (await context.Cloud.DescribeAlarmsAsync(copies, cancellationToken)).Select(a => a.AlarmName).ToList();
            if (left.Count > 0)
                await context.Cloud.DeleteAlarmsAsync(left, cancellationToken);
        }
        return copies;
    }
}
