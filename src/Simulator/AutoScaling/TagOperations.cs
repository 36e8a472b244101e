using System.Xml.Linq;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>DescribeTags: the tags of every group, filtered by group, key, value or propagation, in pages.</summary>
internal static class TagOperations
{
    private static readonly string[] FilterNames = ["auto-scaling-group", "key", "value", "propagate-at-launch"];

    public static OperationResult DescribeTags(OperationContext context)
    {
        var parameters = context.Parameters;
        var filters = parameters.Structs("Filters").Select(f => (Name: f.Required("Name"), Values: f.Strings("Values"))).ToList();
        foreach (var filter in filters.Where(f => !FilterNames.Contains(f.Name, StringComparer.Ordinal)))
            throw AutoScalingErrors.Validation($"Filter type {filter.Name} is not correct. Allowed Filter types are: {string.Join(" ", FilterNames)}");
        var pageSize = Pager.Size(parameters, "MaxRecords", 50, 1, 100);
        var tags = context.Region.Groups.Values
            .SelectMany(g => g.Tags.Values.Select(t => (Group: g.Name, Tag: t)))
            .Where(t => filters.All(f => f.Values.Contains(f.Name switch
            {
                "auto-scaling-group" => t.Group,
                "key" => t.Tag.Key,
                "value" => t.Tag.Value,
                _ => t.Tag.PropagateAtLaunch ? "true" : "false",
            }, StringComparer.Ordinal)));
        var page = Pager.Take(tags, t => t.Group + "\n" + t.Tag.Key, pageSize, parameters["NextToken"], "DescribeTags", AutoScalingErrors.InvalidNextToken);
        return OperationResult.Of(
            new XElement("Tags", page.Items.Select(t => AutoScalingXml.Tag(t.Group, t.Tag))),
            Xml.Text("NextToken", page.NextToken));
    }
}
