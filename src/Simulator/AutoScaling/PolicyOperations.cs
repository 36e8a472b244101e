using System.Xml.Linq;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Simulator.AutoScaling.Scaling;
using AmiOrchestrator.Simulator.AutoScaling.Scheduling;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// Scaling policies, scheduled actions and lifecycle hooks: the configuration a deployment copies from a base group
/// to a new one. They act as in AWS: target-tracking policies follow the group's simulated metric and step and
/// simple policies their alarms (Scaling/), scheduled actions fire at their times (Scheduling/), lifecycle hooks
/// hold instances (Lifecycle/).
/// </summary>
internal static class PolicyOperations
{
    private static readonly string[] PolicyTypes = ["SimpleScaling", "StepScaling", "TargetTrackingScaling", "PredictiveScaling"];

    public static OperationResult PutScalingPolicy(OperationContext context)
    {
        var parameters = context.Parameters;
        var group = GroupOperations.LiveGroup(context);
        var name = parameters.Required("PolicyName");
        var type = parameters["PolicyType"] ?? "SimpleScaling";
        if (!PolicyTypes.Contains(type, StringComparer.Ordinal))
            throw parameters.Invalid("PolicyType", type, $"Member must satisfy enum value set: [{string.Join(", ", PolicyTypes)}]");
        var settings = parameters.Flatten("Action", "Version", "AutoScalingGroupName", "PolicyName", "PolicyType");
        switch (type)
        {
            case "TargetTrackingScaling":
                if (settings.GetValueOrDefault("TargetTrackingConfiguration.TargetValue") is null)
                    throw AutoScalingErrors.Validation("TargetTrackingConfiguration is required for a policy of type TargetTrackingScaling.");
                if (settings.GetValueOrDefault("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType") == "ALBRequestCountPerTarget"
                    && settings.GetValueOrDefault("TargetTrackingConfiguration.PredefinedMetricSpecification.ResourceLabel") is null)
                {
                    throw AutoScalingErrors.Validation("Resource label should be specified for predefined metric type ALBRequestCountPerTarget.");
                }
                break;
            case "StepScaling" when !parameters.Has("StepAdjustments"):
                throw AutoScalingErrors.Validation("StepAdjustments are required for a policy of type StepScaling.");
            case "SimpleScaling" when parameters["ScalingAdjustment"] is null:
                throw AutoScalingErrors.Validation("ScalingAdjustment is required for a policy of type SimpleScaling.");
        }

        var existing = group.Policies.GetValueOrDefault(name);
        var arn = existing?.Arn
            ?? context.Region.AutoScalingArn($"scalingPolicy:{context.Region.Ids.Uuid()}:autoScalingGroupName/{group.Name}:policyName/{name}");
        var policy = new ScalingPolicy(name, type, settings);
        // Target tracking makes AWS create a high and (unless scale-in is disabled) a low CloudWatch alarm for the policy.
        var alarms = TargetTrackingAlarms.Put(context.Region, group, arn, policy, existing?.AlarmNames ?? [], context.Now);
        group.Policies[name] = new PolicyRecord(policy, arn, alarms);
        TargetTrackingAlarms.Refresh(context.Region, group, context.Now);
        return OperationResult.Of(new XElement("PolicyARN", arn), AutoScalingXml.Alarms(context.Region, alarms));
    }

    public static OperationResult DescribePolicies(OperationContext context)
    {
        var parameters = context.Parameters;
        var groupName = parameters["AutoScalingGroupName"];
        var names = parameters.Strings("PolicyNames");
        var types = parameters.Strings("PolicyTypes");
        var pageSize = Pager.Size(parameters, "MaxRecords", 50, 1, 100);
        var policies = context.Region.Groups.Values
            .Where(g => groupName is null || g.Name == groupName)
            .SelectMany(g => g.Policies.Values.Select(p => (Group: g.Name, Record: p)))
            .Where(p => names.Count == 0 || names.Contains(p.Record.Policy.PolicyName, StringComparer.Ordinal) || names.Contains(p.Record.Arn, StringComparer.Ordinal))
            .Where(p => types.Count == 0 || types.Contains(p.Record.Policy.PolicyType, StringComparer.Ordinal));
        var page = Pager.Take(policies, p => p.Group + "\n" + p.Record.Policy.PolicyName, pageSize, parameters["NextToken"], "DescribePolicies", AutoScalingErrors.InvalidNextToken);
        return OperationResult.Of(
            new XElement("ScalingPolicies", page.Items.Select(p => AutoScalingXml.Policy(context.Region, p.Group, p.Record))),
            Xml.Text("NextToken", page.NextToken));
    }

    /// <summary>
    /// Deletes by name (with the group) or by ARN. Deleting a policy that is already gone succeeds, so a retried
    /// delete is harmless.
    /// </summary>
    public static OperationResult DeletePolicy(OperationContext context)
    {
        var parameters = context.Parameters;
        var policy = parameters.Required("PolicyName");
        var groupName = parameters["AutoScalingGroupName"];
        if (groupName is null)
        {
            var owner = context.Region.Groups.Values.FirstOrDefault(g => g.Policies.Values.Any(p => p.Arn == policy));
            if (owner is null)
                throw AutoScalingErrors.Validation($"Policy {policy} not found");
            Remove(context, owner, owner.Policies.Values.First(p => p.Arn == policy).Policy.PolicyName);
            return OperationResult.NoOutput;
        }
        var group = context.Region.Groups.GetValueOrDefault(groupName) ?? throw AutoScalingErrors.GroupNotFound(groupName);
        Remove(context, group, group.Policies.Values.FirstOrDefault(p => p.Arn == policy)?.Policy.PolicyName ?? policy);
        return OperationResult.NoOutput;
    }

    /// <summary>Deletes a group's policies and the alarms AWS made for them, as deleting the group does.</summary>
    public static void RemoveAll(OperationContext context, AutoScalingGroup group)
    {
        foreach (var name in group.Policies.Keys.ToList())
            Remove(context, group, name);
    }

    public static OperationResult PutScheduledUpdateGroupAction(OperationContext context)
    {
        var parameters = context.Parameters;
        var groupName = parameters.Required("AutoScalingGroupName");
        var group = context.Region.Groups.GetValueOrDefault(groupName) ?? throw AutoScalingErrors.GroupNotFoundNull();
        var action = new ScheduledAction
        {
            Name = parameters.Required("ScheduledActionName"),
            Recurrence = parameters["Recurrence"],
            StartTime = parameters.Timestamp("StartTime") ?? parameters.Timestamp("Time"),
            EndTime = parameters.Timestamp("EndTime"),
            MinSize = parameters.Int("MinSize"),
            MaxSize = parameters.Int("MaxSize"),
            DesiredCapacity = parameters.Int("DesiredCapacity"),
            TimeZone = parameters["TimeZone"],
        };
        if (action.MinSize is null && action.MaxSize is null && action.DesiredCapacity is null)
            throw AutoScalingErrors.Validation("At least one of MinSize, MaxSize or DesiredCapacity must be specified.");
        if (action.EndTime <= action.StartTime)
            throw AutoScalingErrors.Validation("The end time must be after the start time.");
        if (action.StartTime < context.Now)
            throw AutoScalingErrors.Validation("Given start time is in the past");
        if (action.Recurrence is null && action.StartTime is null)
            throw AutoScalingErrors.Validation("Either a start time or a recurrence must be specified.");
        GroupRules.ScheduledAction(action);
        var arn = group.ScheduledActions.GetValueOrDefault(action.Name)?.Arn
            ?? context.Region.AutoScalingArn(
                $"scheduledUpdateGroupAction:{context.Region.Ids.Uuid()}:autoScalingGroupName/{group.Name}:scheduledActionName/{action.Name}");
        group.ScheduledActions[action.Name] = new ScheduledActionRecord(action, arn, ScheduledActionProcess.FirstRun(action, context.Now));
        return OperationResult.NoOutput;
    }

    public static OperationResult DeleteScheduledAction(OperationContext context)
    {
        var group = GroupOperations.LiveGroup(context);
        var name = context.Parameters.Required("ScheduledActionName");
        if (!group.ScheduledActions.Remove(name))
            throw AutoScalingErrors.Validation($"Scheduled action name not found - Could not find scheduled action {name} for group {group.Name}");
        return OperationResult.NoOutput;
    }

    public static OperationResult DescribeScheduledActions(OperationContext context)
    {
        var parameters = context.Parameters;
        var groupName = parameters["AutoScalingGroupName"];
        var names = parameters.Strings("ScheduledActionNames");
        var from = parameters.Timestamp("StartTime");
        var to = parameters.Timestamp("EndTime");
        var pageSize = Pager.Size(parameters, "MaxRecords", 50, 1, 100);
        var actions = context.Region.Groups.Values
            .Where(g => groupName is null || g.Name == groupName)
            .SelectMany(g => g.ScheduledActions.Values.Select(a => (Group: g.Name, Record: a)))
            .Where(a => names.Count == 0 || names.Contains(a.Record.Action.Name, StringComparer.Ordinal))
            .Where(a => from is null || a.Record.NextRun is null || a.Record.NextRun >= from)
            .Where(a => to is null || a.Record.NextRun is null || a.Record.NextRun <= to);
        var page = Pager.Take(actions, a => a.Group + "\n" + a.Record.Action.Name, pageSize, parameters["NextToken"], "DescribeScheduledActions", AutoScalingErrors.InvalidNextToken);
        return OperationResult.Of(
            new XElement("ScheduledUpdateGroupActions", page.Items.Select(a => AutoScalingXml.ScheduledAction(a.Group, a.Record))),
            Xml.Text("NextToken", page.NextToken));
    }

    private static void Remove(OperationContext context, AutoScalingGroup group, string name)
    {
        if (group.Policies.Remove(name, out var removed))
            TargetTrackingAlarms.Delete(context.Region, removed.AlarmNames);
    }

    public static OperationResult PutLifecycleHook(OperationContext context)
    {
        var parameters = context.Parameters;
        var group = GroupOperations.LiveGroup(context);
        var name = parameters.Required("LifecycleHookName");
        var existing = group.LifecycleHooks.GetValueOrDefault(name);
        var hook = new LifecycleHook
        {
            Name = name,
            // The transition is required when the hook is new; an update may leave it out.
            Transition = parameters["LifecycleTransition"] ?? existing?.Transition ?? throw parameters.Missing("LifecycleTransition"),
            HeartbeatTimeout = parameters.Int("HeartbeatTimeout") ?? existing?.HeartbeatTimeout,
            DefaultResult = parameters["DefaultResult"] ?? existing?.DefaultResult,
            NotificationTargetArn = parameters["NotificationTargetARN"] ?? existing?.NotificationTargetArn,
            RoleArn = parameters["RoleARN"] ?? existing?.RoleArn,
            NotificationMetadata = parameters["NotificationMetadata"] ?? existing?.NotificationMetadata,
        };
        GroupRules.LifecycleHook(hook);
        group.LifecycleHooks[name] = hook;
        return OperationResult.Of();
    }

    public static OperationResult DescribeLifecycleHooks(OperationContext context)
    {
        var groupName = context.Parameters.Required("AutoScalingGroupName");
        var group = context.Region.Groups.GetValueOrDefault(groupName) ?? throw AutoScalingErrors.GroupNotFound(groupName);
        var names = context.Parameters.Strings("LifecycleHookNames");
        var hooks = group.LifecycleHooks.Values.Where(h => names.Count == 0 || names.Contains(h.Name, StringComparer.Ordinal));
        return OperationResult.Of(new XElement("LifecycleHooks", hooks.Select(h => AutoScalingXml.LifecycleHook(group.Name, h))));
    }
}
