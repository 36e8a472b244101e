using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator.Ec2;

/// <summary>
/// One version of a launch template. Its data is kept as the <c>LaunchTemplateData.*</c> Query parameters that
/// describe it (relative keys such as <c>ImageId</c>, <c>SecurityGroupId.1</c>), so every field AWS accepts
/// round-trips, and SourceVersion inheritance is a merge of two maps.
/// </summary>
internal sealed record LaunchTemplateVersionRecord(long Number, string? Description, DateTimeOffset CreateTime, string CreatedBy, ValueMap Data)
{
    public string? ImageId => Data.GetValueOrDefault("ImageId");

    public string? InstanceType => Data.GetValueOrDefault("InstanceType");

    /// <summary>
    /// The source's data with every top-level field the caller supplied replaced as a whole (a supplied
    /// SecurityGroupId list replaces the inherited list rather than merging into it).
    /// </summary>
    public static ValueMap Inherit(ValueMap source, ValueMap supplied)
    {
        var replaced = supplied.Keys.Select(TopLevelField).ToHashSet(StringComparer.Ordinal);
        var kept = source.Where(p => !replaced.Contains(TopLevelField(p.Key)));
        return ValueMap.From(kept).Merge(supplied);
    }

    private static string TopLevelField(string key) => key.Split('.')[0];
}
