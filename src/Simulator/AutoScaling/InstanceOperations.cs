using System.Xml.Linq;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// The actions on single instances of groups: scale-in protection, the instance listing, terminating one instance,
/// and reporting its health.
/// </summary>
internal static class InstanceOperations
{
    private const int MaxInstances = 50;

    public static OperationResult SetInstanceProtection(OperationContext context)
    {
        var parameters = context.Parameters;
        var group = GroupOperations.LiveGroup(context);
        var ids = InstanceIds(parameters, required: true);
        var protect = parameters.Bool("ProtectedFromScaleIn") ?? throw parameters.Missing("ProtectedFromScaleIn");
        var instances = ids.Select(id => group.LiveInstances.FirstOrDefault(i => i.InstanceId == id)
            ?? throw AutoScalingErrors.Validation($"The instance {id} is not part of Auto Scaling group {group.Name}.")).ToList();
        foreach (var instance in instances)
            instance.ProtectedFromScaleIn = protect;
        return OperationResult.Of();
    }

    /// <summary>Every instance of every group, or the ones named; like AWS, this listing spells health in capitals.</summary>
    public static OperationResult DescribeAutoScalingInstances(OperationContext context)
    {
        var parameters = context.Parameters;
        var ids = InstanceIds(parameters, required: false);
        var pageSize = Pager.Size(parameters, "MaxRecords", MaxInstances, 1, MaxInstances);
        var instances = context.Region.Groups.Values
            .SelectMany(g => g.Instances)
            .Where(i => !i.IsGone(context.Now))
            .Where(i => ids.Count == 0 || ids.Contains(i.InstanceId, StringComparer.Ordinal));
        var page = Pager.Take(instances, i => i.InstanceId, pageSize, parameters["NextToken"], "DescribeAutoScalingInstances", AutoScalingErrors.InvalidNextToken);
        return OperationResult.Of(
            new XElement("AutoScalingInstances", page.Items.Select(i => AutoScalingXml.InstanceDetails(i, context.Now))),
            Xml.Text("NextToken", page.NextToken));
    }

    /// <summary>
    /// Terminates one instance. With ShouldDecrementDesiredCapacity the group shrinks by the instance's weight (never
    /// below its minimum); without, a replacement launches. Answers with the termination activity.
    /// </summary>
    public static OperationResult TerminateInstanceInAutoScalingGroup(OperationContext context)
    {
        var parameters = context.Parameters;
        var instanceId = parameters.Required("InstanceId");
        var decrement = parameters.Bool("ShouldDecrementDesiredCapacity") ?? throw parameters.Missing("ShouldDecrementDesiredCapacity");
        var (group, instance) = Find(context.Region, instanceId);
        if (!instance.IsLive)
            throw AutoScalingErrors.Validation($"The instance {instanceId} is already being terminated.");
        var previous = group.DesiredCapacity;
        string cause;
        if (decrement)
        {
            var desired = previous - instance.WeightedCapacity;
            if (desired < group.MinSize)
            {
                throw AutoScalingErrors.Validation(
                    $"Currently, desiredSize equals minSize ({group.MinSize}). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
            }
            group.Resize(group.MinSize, desired, group.MaxSize, context.Now);
            cause = GroupScaler.Sentences(context.Now, $"instance {instanceId} was taken out of service in response to a user request, shrinking the capacity from {previous} to {desired}");
        }
        else
        {
            cause = GroupScaler.Sentences(context.Now, $"instance {instanceId} was taken out of service in response to a user request");
        }
        var activity = GroupScaler.Terminate(context.Region, group, instance, context.Now, cause);
        GroupScaler.Reconcile(context.Region, group, context.Now, reason: null);
        return OperationResult.Of(AutoScalingXml.Activity(activity, context.Now, "Activity"));
    }

    /// <summary>
    /// Reports an instance's health. Unhealthy marks it for replacement (at once, or when the grace period counted from
    /// InService ends, if the call respects it, as it does by default); Healthy withdraws a report or mark not yet acted on.
    /// </summary>
    public static OperationResult SetInstanceHealth(OperationContext context)
    {
        var parameters = context.Parameters;
        var instanceId = parameters.Required("InstanceId");
        var status = parameters.Required("HealthStatus");
        var (group, instance) = Find(context.Region, instanceId);
        switch (status)
        {
            case "Healthy":
                instance.MarkHealthy();
                break;
            case "Unhealthy":
                var graceEnds = instance.InServiceAt + TimeSpan.FromSeconds(group.HealthCheckGracePeriod);
                instance.ReportedUnhealthyAt = parameters.Bool("ShouldRespectGracePeriod") != false && graceEnds > context.Now ? graceEnds : context.Now;
                break;
            default:
                throw AutoScalingErrors.Validation($"Valid instance health states are: [Healthy, Unhealthy]. \"{status}\" is invalid.");
        }
        return OperationResult.NoOutput;
    }

    private static (AutoScalingGroup Group, SimulatedInstance Instance) Find(RegionState region, string instanceId)
    {
        foreach (var group in region.Groups.Values)
        {
            if (group.Instances.FirstOrDefault(i => i.InstanceId == instanceId) is { } instance)
                return (group, instance);
        }
        throw AutoScalingErrors.Validation($"Instance Id not found - No managed instance found for instance ID: {instanceId}");
    }

    private static IReadOnlyList<string> InstanceIds(QueryParameters parameters, bool required)
    {
        var ids = parameters.Strings("InstanceIds");
        if (required && ids.Count == 0)
            throw parameters.Missing("InstanceIds");
        if (ids.Count > MaxInstances)
            throw parameters.Invalid("InstanceIds", "[" + string.Join(", ", ids) + "]", $"Member must have length less than or equal to {MaxInstances}");
        return ids.Distinct(StringComparer.Ordinal).ToList();
    }
}
