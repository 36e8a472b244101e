using System.Text;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.TestSupport.Cloud;

/// <summary>
/// The simulated region's state as text, read back over its API: every group of <see cref="WebRegion"/> (sizes, live
/// instances, routes, tags, suspended processes), their policies with ARNs, scheduled actions, lifecycle hooks, and
/// every version of the launch template. Two equal snapshots mean no step created, changed or duplicated anything.
/// </summary>
public static class RegionSnapshot
{
    private static readonly string[] Groups = [WebRegion.BaseAsg, WebRegion.Older, WebRegion.Previous, WebRegion.NextName];

    /// <summary>
    /// The state as text. Without <paramref name="identifiers"/> the ARNs of policies and the ids of instances are left
    /// out, so that the states two runs reach by different paths (one of them interrupted by a crash) compare equal.
    /// </summary>
    public static async Task<string> TakeAsync(ICloud cloud, bool identifiers = true)
    {
        var text = new StringBuilder();
        foreach (var group in (await cloud.DescribeAsgsAsync(Groups, default)).OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            var live = group.Instances.Count(i => !i.LifecycleState.StartsWith("Terminat", StringComparison.Ordinal));
            text.AppendLine($"{group.Name} {group.MinSize}/{group.DesiredCapacity}/{group.MaxSize} live={live} status={group.Status}");
            text.AppendLine("  routes " + string.Join(",", group.TargetGroupArns.Concat(group.LoadBalancerNames)));
            text.AppendLine("  tags " + string.Join(",", group.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
            text.AppendLine("  protected " + (identifiers
                ? string.Join(",", group.Instances.Where(i => i.ProtectedFromScaleIn).Select(i => i.InstanceId))
                : group.Instances.Count(i => i.ProtectedFromScaleIn).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            text.AppendLine("  healthy " + group.Instances.Count(i => i.IsInServiceAndHealthy).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (group.Status is not null)
                continue;
            foreach (var policy in await cloud.DescribePoliciesAsync(group.Name, default))
                text.AppendLine($"  policy {policy.PolicyName} {policy.PolicyType} {(identifiers ? policy.PolicyArn : "")} alarms={string.Join(",", policy.AlarmNames)}");
            foreach (var action in await cloud.DescribeScheduledActionsAsync(group.Name, default))
                text.AppendLine($"  scheduled {action.Name} {action.Recurrence} {action.StartTime:O} {action.DesiredCapacity}");
            foreach (var hook in await cloud.DescribeLifecycleHooksAsync(group.Name, default))
                text.AppendLine($"  hook {hook.Name} {hook.Transition}");
        }
        for (var version = 1; ; version++)
        {
            try
            {
                var data = await cloud.DescribeLaunchTemplateVersionAsync(
                    new LaunchTemplateSpec(WebRegion.LaunchTemplateId, null, null), version.ToString(System.Globalization.CultureInfo.InvariantCulture), default);
                text.AppendLine($"template version {data.VersionNumber} {data.ImageId} {data.UserData}");
            }
            catch (CloudException e) when (e.IsNotFound)
            {
                break;
            }
        }
        return text.ToString();
    }
}
