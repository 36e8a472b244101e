using System.Xml.Linq;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>DescribeScalingActivities (newest first, as AWS lists them) and DescribeLaunchConfigurations.</summary>
internal static class HistoryOperations
{
    public static OperationResult DescribeScalingActivities(OperationContext context)
    {
        var parameters = context.Parameters;
        var ids = parameters.Strings("ActivityIds");
        if (ids.Count > 50)
            throw parameters.Invalid("ActivityIds", "[" + string.Join(", ", ids) + "]", "Member must have length less than or equal to 50");
        var groupName = parameters["AutoScalingGroupName"];
        var includeDeleted = parameters.Bool("IncludeDeletedGroups") ?? false;
        var pageSize = Pager.Size(parameters, "MaxRecords", 100, 1, 100);
        var liveArns = context.Region.Groups.Values.Select(g => g.Arn).ToHashSet(StringComparer.Ordinal);
        var activities = context.Region.Activities
            .Where(a => groupName is null || a.GroupName == groupName)
            .Where(a => includeDeleted || liveArns.Contains(a.GroupArn))
            .Where(a => ids.Count == 0 || ids.Contains(a.ActivityId, StringComparer.Ordinal));
        var page = Pager.Take(activities, a => Pager.Descending(a.Ordinal), pageSize, parameters["NextToken"], "DescribeScalingActivities", AutoScalingErrors.InvalidNextToken);
        return OperationResult.Of(
            new XElement("Activities", page.Items.Select(a => AutoScalingXml.Activity(a, context.Now))),
            Xml.Text("NextToken", page.NextToken));
    }

    public static OperationResult DescribeLaunchConfigurations(OperationContext context)
    {
        var parameters = context.Parameters;
        var names = parameters.Strings("LaunchConfigurationNames");
        var pageSize = Pager.Size(parameters, "MaxRecords", 50, 1, 100);
        var configurations = context.Region.LaunchConfigurations.Values
            .Where(c => names.Count == 0 || names.Contains(c.Configuration.Name, StringComparer.Ordinal));
        var page = Pager.Take(configurations, c => c.Configuration.Name, pageSize, parameters["NextToken"], "DescribeLaunchConfigurations", AutoScalingErrors.InvalidNextToken);
        return OperationResult.Of(
            new XElement("LaunchConfigurations", page.Items.Select(AutoScalingXml.LaunchConfiguration)),
            Xml.Text("NextToken", page.NextToken));
    }
}
