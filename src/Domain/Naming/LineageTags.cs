using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Naming;

/// <summary>
/// The tags that tie a group to its lineage. A lineage is found by tag, never by name: ours
/// (<c>ami-orchestrator:lineage=&lt;infrastructure id&gt;</c> plus the revision), or Harness's
/// <c>HARNESS_REVISION=&lt;infraMappingId&gt;__&lt;rev&gt;</c> in compatibility mode.
/// </summary>
public static class LineageTags
{
    public const string OwnPrefix = "ami-orchestrator:";
    public const string LineageKey = OwnPrefix + "lineage";
    public const string RevisionKey = OwnPrefix + "revision";
    public const string DeploymentKey = OwnPrefix + "deployment";
    public const string HarnessRevisionKey = "HARNESS_REVISION";
    public const string NameKey = "Name";
    public const string BlueGreenKey = "BG_VERSION";
    public const string Blue = "BLUE";
    public const string Green = "GREEN";

    /// <summary>The tag filter that finds the lineage's groups. Harness's value carries the revision, so its filter is by key and <see cref="Recognize"/> narrows it.</summary>
    public static (string Key, string? Value) LineageFilter(LineageTagMode mode, string infrastructureId) => mode switch
    {
        LineageTagMode.HarnessRevision => (HarnessRevisionKey, null),
        _ => (LineageKey, infrastructureId),
    };

    /// <summary>The group as a member of the lineage, or null when it belongs to another lineage or none.</summary>
    public static LineageMember? Recognize(AsgDescription asg, LineageTagMode mode, string infrastructureId)
    {
        int revision;
        if (mode == LineageTagMode.HarnessRevision)
        {
            var value = asg.TagValue(HarnessRevisionKey);
            var split = value?.LastIndexOf(AsgNaming.Separator, StringComparison.Ordinal) ?? -1;
            // Harness matched with startsWith, so lineage "web" also claimed "web2__4"; we require the exact id.
            if (value is null || split < 0 || value[..split] != infrastructureId)
                return null;
            revision = ParseRevision(value[(split + AsgNaming.Separator.Length)..]);
        }
        else
        {
            if (asg.TagValue(LineageKey) != infrastructureId)
                return null;
            revision = ParseRevision(asg.TagValue(RevisionKey));
        }
        return new LineageMember(
            asg.Name,
            revision,
            asg.MinSize,
            asg.DesiredCapacity,
            asg.MaxSize,
            asg.Instances.Count,
            asg.CreatedTime,
            string.Equals(asg.TagValue(BlueGreenKey), Blue, StringComparison.OrdinalIgnoreCase),
            asg.Status is not null);
    }

    /// <summary>
    /// The tags of a new group: its Name, the lineage and revision, the deployment, every base-group tag except
    /// Name, <c>aws:*</c>, ours and the lineage key, and <c>BG_VERSION=GREEN</c> for Blue/Green. All propagate to instances.
    /// </summary>
    public static ValueList<AsgTag> ForNewAsg(
        string asgName,
        int revision,
        string deploymentId,
        InfrastructureSpec infrastructure,
        bool blueGreen,
        IEnumerable<AsgTag> baseTags)
    {
        var revisionText = revision.ToString(CultureInfo.InvariantCulture);
        var tags = new List<AsgTag>
        {
            new(NameKey, asgName),
            new(RevisionKey, revisionText),
            new(DeploymentKey, deploymentId),
        };
        tags.Add(infrastructure.LineageTag == LineageTagMode.HarnessRevision
            ? new AsgTag(HarnessRevisionKey, infrastructure.Id + AsgNaming.Separator + revisionText)
            : new AsgTag(LineageKey, infrastructure.Id));
        if (blueGreen)
            tags.Add(new AsgTag(BlueGreenKey, Green));
        var reserved = tags.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        tags.AddRange(baseTags
            .Where(t => !IsReservedKey(t.Key) && !reserved.Contains(t.Key))
            .Select(t => t with { PropagateAtLaunch = true }));
        return tags.ToValueList();
    }

    private static bool IsReservedKey(string key) =>
        key == NameKey
        || key == HarnessRevisionKey
        || key == BlueGreenKey
        || key.StartsWith("aws:", StringComparison.Ordinal)
        || key.StartsWith(OwnPrefix, StringComparison.Ordinal);

    // Harness counted an unparsable revision as 0; so do we, so the next number still lands above every parsable one.
    private static int ParseRevision(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;
}
