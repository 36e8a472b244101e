using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.CloudWatch;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling.Scaling;

/// <summary>
/// Runs the step and simple scaling policies an alarm names in its AlarmActions when it enters ALARM. The simulation
/// has no metric values, so a step policy takes the step that starts at the alarm's threshold (lower or upper bound 0).
/// A simple policy waits out its cooldown (its own Cooldown, else the group's DefaultCooldown) after it last acted.
/// Nothing runs while the group's AlarmNotification process is suspended or the policy is disabled.
/// </summary>
internal static class PolicyExecution
{
    public static void OnAlarm(RegionState region, AlarmRecord alarm, DateTimeOffset at)
    {
        foreach (var arn in alarm.AlarmActions)
        {
            var owner = region.Groups.Values.FirstOrDefault(g => g.Policies.Values.Any(p => p.Arn == arn));
            if (owner is null || owner.IsDeleting || owner.IsSuspended(ScalingProcesses.AlarmNotification))
                continue;
            var record = owner.Policies.Values.First(p => p.Arn == arn);
            if (!PolicySettings.IsEnabled(record.Policy))
                continue;
            if (Adjustment(record.Policy) is not { } adjustment)
                continue;
            if (record.Policy.PolicyType == PolicySettings.SimpleScaling)
            {
                var cooldown = PolicySettings.Number(record.Policy.Parameters.GetValueOrDefault("Cooldown")) ?? owner.DefaultCooldown;
                if (owner.LastSimplePolicyAt + TimeSpan.FromSeconds(cooldown) > at)
                    continue;
                owner.LastSimplePolicyAt = at;
            }
            Apply(region, owner, record.Policy, alarm.Name, adjustment, at);
        }
    }

    /// <summary>Changes the group's desired capacity as a policy triggered by an alarm does, with AWS's cause.</summary>
    public static void Resize(RegionState region, AutoScalingGroup group, string policyName, string alarmName, int desired, DateTimeOffset at)
    {
        desired = Math.Clamp(desired, group.MinSize, group.MaxSize);
        var previous = group.DesiredCapacity;
        if (desired == previous)
            return;
        group.Resize(group.MinSize, desired, group.MaxSize, at);
        GroupScaler.Reconcile(
            region,
            group,
            at,
            $"a monitor alarm {alarmName} in state ALARM triggered policy {policyName} changing the desired capacity from {previous} to {desired}");
    }

    private static void Apply(RegionState region, AutoScalingGroup group, ScalingPolicy policy, string alarmName, int adjustment, DateTimeOffset at)
    {
        var parameters = policy.Parameters;
        var current = group.DesiredCapacity;
        var desired = parameters.GetValueOrDefault("AdjustmentType") switch
        {
            "ExactCapacity" => adjustment,
            "PercentChangeInCapacity" => current + PercentChange(current, adjustment, parameters),
            _ => current + adjustment,
        };
        Resize(region, group, policy.PolicyName, alarmName, desired, at);
    }

    /// <summary>AWS's rounding: a change between -1 and 1 becomes ±1, a larger one is rounded towards zero, and MinAdjustmentMagnitude is a floor.</summary>
    private static int PercentChange(int current, int percent, ValueMap parameters)
    {
        var exact = current * percent / 100.0;
        var change = exact switch
        {
            > 0 and < 1 => 1,
            < 0 and > -1 => -1,
            _ => (int)Math.Truncate(exact),
        };
        var magnitude = (int)(PolicySettings.Number(parameters.GetValueOrDefault("MinAdjustmentMagnitude") ?? parameters.GetValueOrDefault("MinAdjustmentStep")) ?? 0);
        return Math.Abs(change) < magnitude ? Math.Sign(change) * magnitude : change;
    }

    private static int? Adjustment(ScalingPolicy policy)
    {
        var parameters = policy.Parameters;
        if (policy.PolicyType == PolicySettings.SimpleScaling)
            return Integer(parameters.GetValueOrDefault("ScalingAdjustment"));
        if (policy.PolicyType != PolicySettings.StepScaling)
            return null;
        var steps = parameters.Keys
            .Where(k => k.StartsWith("StepAdjustments.member.", StringComparison.Ordinal) && k.EndsWith(".ScalingAdjustment", StringComparison.Ordinal))
            .Select(k => k[..^"ScalingAdjustment".Length])
            .Select(prefix => (
                Lower: PolicySettings.Number(parameters.GetValueOrDefault(prefix + "MetricIntervalLowerBound")),
                Upper: PolicySettings.Number(parameters.GetValueOrDefault(prefix + "MetricIntervalUpperBound")),
                Adjustment: Integer(parameters.GetValueOrDefault(prefix + "ScalingAdjustment"))))
            .ToList();
        var atThreshold = steps.FirstOrDefault(s => s.Lower == 0 || s.Upper == 0);
        return (atThreshold == default ? steps.FirstOrDefault() : atThreshold).Adjustment;
    }

    private static int? Integer(string? text) =>
        text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
