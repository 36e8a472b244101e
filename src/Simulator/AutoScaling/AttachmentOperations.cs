using System.Xml.Linq;
using AmiOrchestrator.Simulator.LoadBalancing;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// Attaching target groups and classic load balancers to a group: its live instances register at once (and new ones
/// as they launch); detaching deregisters them, and they drain.
/// </summary>
internal static class AttachmentOperations
{
    private const int MaxPerCall = 10;

    public static OperationResult AttachTargetGroups(OperationContext context) =>
        Attach(context, "TargetGroupARNs", g => g.TargetGroupArns, arn => context.Region.TargetGroups.GetValueOrDefault(arn)?.Targets,
            arn => $"Provided Target Groups may not be valid. Please ensure they exist and try again. Target group ARN: {arn}");

    public static OperationResult DetachTargetGroups(OperationContext context) =>
        Detach(context, "TargetGroupARNs", g => g.TargetGroupArns, arn => context.Region.TargetGroups.GetValueOrDefault(arn)?.Targets);

    public static OperationResult AttachLoadBalancers(OperationContext context) =>
        Attach(context, "LoadBalancerNames", g => g.LoadBalancerNames, name => context.Region.LoadBalancers.GetValueOrDefault(name)?.Instances,
            name => $"Provided Load Balancers may not be valid. Please ensure they exist and try again. Load balancer: {name}");

    public static OperationResult DetachLoadBalancers(OperationContext context) =>
        Detach(context, "LoadBalancerNames", g => g.LoadBalancerNames, name => context.Region.LoadBalancers.GetValueOrDefault(name)?.Instances);

    /// <summary>The target groups attached to a group, InService once one of its instances passes their health checks, Added until then.</summary>
    public static OperationResult DescribeLoadBalancerTargetGroups(OperationContext context) =>
        Describe(context, "LoadBalancerTargetGroups", "LoadBalancerTargetGroupARN", g => g.TargetGroupArns,
            arn => context.Region.TargetGroups.GetValueOrDefault(arn)?.Targets);

    /// <summary>The classic load balancers attached to a group, with the same states.</summary>
    public static OperationResult DescribeLoadBalancers(OperationContext context) =>
        Describe(context, "LoadBalancers", "LoadBalancerName", g => g.LoadBalancerNames,
            name => context.Region.LoadBalancers.GetValueOrDefault(name)?.Instances);

    private static OperationResult Describe(
        OperationContext context, string listName, string memberName, Func<AutoScalingGroup, List<string>> attached, Func<string, TargetRegistrations?> registrations)
    {
        var parameters = context.Parameters;
        var name = parameters.Required("AutoScalingGroupName");
        var group = context.Region.Groups.GetValueOrDefault(name) ?? throw AutoScalingErrors.GroupNotFound(name);
        var pageSize = Pager.Size(parameters, "MaxRecords", 100, 1, 100);
        var page = Pager.Take(attached(group), n => n, pageSize, parameters["NextToken"], listName, AutoScalingErrors.InvalidNextToken);
        return OperationResult.Of(
            new XElement(listName, page.Items.Select(n =>
            {
                var healthy = registrations(n)?.Phases(context.Now, context.Region.FindInstance).Any(p => p.Phase == TargetPhase.Healthy) == true;
                return new XElement("member", new XElement(memberName, n), new XElement("State", healthy ? "InService" : "Added"));
            })),
            Xml.Text("NextToken", page.NextToken));
    }

    // Target groups and classic load balancers attach the same way; only where their registrations live differs.
    private static OperationResult Attach(
        OperationContext context,
        string member,
        Func<AutoScalingGroup, List<string>> attached,
        Func<string, TargetRegistrations?> registrations,
        Func<string, string> notFound)
    {
        var group = GroupOperations.LiveGroup(context);
        var names = Names(context.Parameters, member);
        foreach (var name in names.Where(name => registrations(name) is null))
            throw AutoScalingErrors.Validation(notFound(name));
        foreach (var name in names.Where(name => !attached(group).Contains(name, StringComparer.Ordinal)))
        {
            attached(group).Add(name);
            foreach (var instance in group.LiveInstances)
                registrations(name)!.Register(instance.InstanceId, context.Now);
        }
        return OperationResult.Of();
    }

    private static OperationResult Detach(
        OperationContext context, string member, Func<AutoScalingGroup, List<string>> attached, Func<string, TargetRegistrations?> registrations)
    {
        var group = GroupOperations.LiveGroup(context);
        foreach (var name in Names(context.Parameters, member).Where(name => attached(group).Remove(name)))
        {
            if (registrations(name) is not { } registered)
                continue;
            foreach (var instance in group.Instances)
                registered.Deregister(instance.InstanceId, context.Now);
        }
        return OperationResult.Of();
    }

    private static IReadOnlyList<string> Names(QueryParameters parameters, string member)
    {
        var names = parameters.Strings(member);
        if (names.Count == 0)
            throw parameters.Missing(member);
        if (names.Count > MaxPerCall)
            throw parameters.Invalid(member, "[" + string.Join(", ", names) + "]", $"Member must have length less than or equal to {MaxPerCall}");
        return names.Distinct(StringComparer.Ordinal).ToList();
    }
}
