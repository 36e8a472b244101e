using System.Security.Cryptography;
using System.Text;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// Keeps step and simple scaling policies driven when the engine puts them on a group. Such a policy fires only
/// through CloudWatch alarms whose actions name its ARN, and a policy put on another group (or deleted and put again)
/// gets a new ARN, so its alarms are copied or restored with it. Until the policy is put its ARN is unknown; an alarm
/// travels with the placeholder <c>ami-orchestrator:policy/&lt;policy name&gt;</c> in the action's place, meaning "the
/// ARN of this policy on the group this alarm is put with", and the executor <see cref="Resolve"/>s it from
/// DescribePolicies after putting the policies. No real action starts with <c>ami-orchestrator:</c> (actions are ARNs).
/// </summary>
/// <remarks>
/// A copy made for a new group is named <c>ami-orchestrator:&lt;group&gt;:&lt;original alarm name&gt;</c>: readable in the
/// console, unique per group (group names cannot contain <c>:</c>, alarm names are unique in a region), and
/// recognisable by <see cref="IsEngineCopyFor"/>, so deleting a group deletes exactly the copies made for it. Parts
/// that would take the name past CloudWatch's 255 characters are shortened, keeping a hash of the whole part.
/// </remarks>
public static class PolicyAlarms
{
    private const string PlaceholderPrefix = "ami-orchestrator:policy/";
    private const string CopyPrefix = "ami-orchestrator:";
    private const int MaxAlarmNameLength = 255;

    // Leaves at least 37 characters of a copy's name for the original alarm name, whatever the group is called.
    private const int MaxGroupPartLength = 200;

    private static readonly string[] ActionLists = ["AlarmActions", "OKActions", "InsufficientDataActions"];

    /// <summary>
    /// The names of the alarms that drive <paramref name="policies"/>, each once: those of step and simple policies
    /// only, since target tracking creates and deletes its own alarms with the policy. Discovery describes these.
    /// </summary>
    public static ValueList<string> DrivingAlarmNames(IEnumerable<ScalingPolicy> policies) =>
        policies.Where(IsAlarmDriven).SelectMany(p => p.AlarmNames).Distinct(StringComparer.Ordinal).ToValueList();

    internal static bool IsAlarmDriven(ScalingPolicy policy) => policy.PolicyType is "StepScaling" or "SimpleScaling";

    /// <summary>
    /// The copy of a base-group alarm for a new group: renamed for <paramref name="newAsg"/>, watching it wherever the
    /// alarm watched <paramref name="baseAsg"/>, and with every action naming one of <paramref name="basePolicies"/>
    /// turned into that policy's placeholder. Notifications and other actions stay as they are, except actions that
    /// scale some other group: the original alarm still drives those, and a copy would scale that group twice.
    /// </summary>
    public static MetricAlarm ForNewGroup(MetricAlarm alarm, string baseAsg, string newAsg, IEnumerable<ScalingPolicy> basePolicies)
    {
        var placeholders = PlaceholdersByArn(basePolicies);
        var parameters = QueryParameters.RepointAsgDimensions(alarm.Parameters, baseAsg, newAsg);
        parameters = RewriteActions(parameters, action =>
            placeholders.TryGetValue(action, out var placeholder) ? placeholder
            : IsScalingPolicyArn(action) ? null
            : action);
        return new MetricAlarm(CopyName(newAsg, alarm.AlarmName), parameters);
    }

    /// <summary>
    /// The alarm as it was before setup, to put back with the previous group's restored policies: same name, with every
    /// action naming one of <paramref name="previousPolicies"/> turned into that policy's placeholder (deleting a policy
    /// removes it from its alarms' actions, and putting it again gives it a new ARN).
    /// </summary>
    public static MetricAlarm ForRestore(MetricAlarm alarm, IEnumerable<ScalingPolicy> previousPolicies)
    {
        var placeholders = PlaceholdersByArn(previousPolicies);
        return new MetricAlarm(
            alarm.AlarmName,
            RewriteActions(alarm.Parameters, action => placeholders.GetValueOrDefault(action, action)));
    }

    /// <summary>
    /// The alarm with each placeholder replaced by the ARN of that policy in <paramref name="policyArnsByName"/> (the
    /// group's policies as DescribePolicies reports them once they are put), or the problem when it names a policy the
    /// group does not have.
    /// </summary>
    public static AlarmResolution Resolve(MetricAlarm alarm, IReadOnlyDictionary<string, string> policyArnsByName)
    {
        var parameters = alarm.Parameters;
        var missing = new List<string>();
        foreach (var (key, value) in alarm.Parameters)
        {
            if (!value.StartsWith(PlaceholderPrefix, StringComparison.Ordinal))
                continue;
            var policyName = value[PlaceholderPrefix.Length..];
            if (policyArnsByName.TryGetValue(policyName, out var arn))
                parameters = parameters.SetItem(key, arn);
            else if (!missing.Contains(policyName, StringComparer.Ordinal))
                missing.Add(policyName);
        }
        return missing.Count == 0
            ? new AlarmResolution(alarm with { Parameters = parameters }, null)
            : new AlarmResolution(null,
                $"alarm '{alarm.AlarmName}' drives scaling policy {string.Join(", ", missing.Select(m => $"'{m}'"))}, which the group does not have");
    }

    /// <summary>True for the names <see cref="ForNewGroup"/> gives the copies it makes for <paramref name="asgName"/>.</summary>
    public static bool IsEngineCopyFor(string alarmName, string asgName) =>
        alarmName.StartsWith(CopyPrefix + Shorten(asgName, MaxGroupPartLength) + ":", StringComparison.Ordinal);

    private static string CopyName(string asgName, string alarmName)
    {
        var group = Shorten(asgName, MaxGroupPartLength);
        return CopyPrefix + group + ":" + Shorten(alarmName, MaxAlarmNameLength - CopyPrefix.Length - group.Length - 1);
    }

    /// <summary><paramref name="text"/> if it fits in <paramref name="length"/>, else its start, <c>~</c> and 8 hex digits of its SHA-256.</summary>
    private static string Shorten(string text, int length)
    {
        if (text.Length <= length)
            return text;
        var cut = length - 9;
        // Never split a surrogate pair: half a character is not valid UTF-8, which CloudWatch requires.
        if (char.IsHighSurrogate(text[cut - 1]))
            cut--;
        return text[..cut] + "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
    }

    private static Dictionary<string, string> PlaceholdersByArn(IEnumerable<ScalingPolicy> policies)
    {
        var byArn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            if (policy.PolicyArn is { } arn)
                byArn.TryAdd(arn, PlaceholderPrefix + policy.PolicyName);
        }
        return byArn;
    }

    private static ValueMap RewriteActions(ValueMap parameters, Func<string, string?> rewrite) =>
        ActionLists.Aggregate(parameters, (result, list) => QueryParameters.RewriteList(result, list, rewrite));

    // arn:<partition>:autoscaling:<region>:<account>:scalingPolicy:<uuid>:autoScalingGroupName/<group>:policyName/<name>
    private static bool IsScalingPolicyArn(string action) =>
        action.StartsWith("arn:", StringComparison.Ordinal)
        && action.Split(':') is { Length: >= 6 } parts
        && parts[2] == "autoscaling"
        && parts[5] == "scalingPolicy";
}
