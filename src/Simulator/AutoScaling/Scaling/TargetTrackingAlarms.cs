using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.CloudWatch;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling.Scaling;

/// <summary>
/// The CloudWatch alarms AWS makes for a target-tracking policy: AlarmHigh (scale out) and, unless scale-in is
/// disabled, AlarmLow (scale in, below 90% of the target). They live in the region's CloudWatch, owned by the policy,
/// and go when it goes. Their states follow the group's simulated metric.
/// </summary>
internal static class TargetTrackingAlarms
{
    // AWS's alarms evaluate one-minute datapoints: three above the target to scale out, fifteen below 90% of it to scale in.
    public const int HighPeriods = 3;
    public const int LowPeriods = 15;
    public const double LowFraction = 0.9;

    /// <summary>Makes (or keeps) the alarms of a target-tracking policy being put and returns their names; none for other types.</summary>
    public static IReadOnlyList<string> Put(
        RegionState region, AutoScalingGroup group, string policyArn, ScalingPolicy policy, IReadOnlyList<string> existing, DateTimeOffset at)
    {
        Delete(region, existing);
        if (policy.PolicyType != PolicySettings.TargetTracking)
            return [];
        var high = existing.FirstOrDefault(n => n.Contains("-AlarmHigh-", StringComparison.Ordinal))
            ?? $"TargetTracking-{group.Name}-AlarmHigh-{region.Ids.Uuid()}";
        var low = existing.FirstOrDefault(n => n.Contains("-AlarmLow-", StringComparison.Ordinal))
            ?? $"TargetTracking-{group.Name}-AlarmLow-{region.Ids.Uuid()}";
        var target = PolicySettings.TargetValue(policy) ?? 0;
        Add(region, group, policyArn, policy, high, "GreaterThanThreshold", target, HighPeriods, at);
        if (PolicySettings.DisablesScaleIn(policy))
            return [high];
        Add(region, group, policyArn, policy, low, "LessThanThreshold", target * LowFraction, LowPeriods, at);
        return [high, low];
    }

    public static void Delete(RegionState region, IEnumerable<string> names)
    {
        foreach (var name in names)
            region.Alarms.Remove(name);
    }

    /// <summary>Sets the alarms of the group's target-tracking policies to what the simulated metric says now.</summary>
    public static void Refresh(RegionState region, AutoScalingGroup group, DateTimeOffset at)
    {
        if (group.SimulatedLoad is not { } load)
            return;
        var metric = load / Math.Max(group.DesiredCapacity, 1);
        foreach (var record in group.Policies.Values.Where(p => p.Policy.PolicyType == PolicySettings.TargetTracking))
        {
            var target = PolicySettings.TargetValue(record.Policy) ?? 0;
            foreach (var name in record.AlarmNames)
            {
                if (region.Alarms.GetValueOrDefault(name) is not { } alarm)
                    continue;
                var high = name.Contains("-AlarmHigh-", StringComparison.Ordinal);
                var breached = high ? metric > target : metric < target * LowFraction;
                var threshold = high ? target : target * LowFraction;
                var reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Threshold Crossed: the simulated metric {metric:0.###} was {(breached ? "" : "not ")}{(high ? "greater" : "less")} than the threshold ({threshold:0.###}).");
                if (alarm.StateValue != (breached ? AlarmStates.Alarm : AlarmStates.Ok))
                    alarm.SetState(breached ? AlarmStates.Alarm : AlarmStates.Ok, reason, null, at);
            }
        }
    }

    private static void Add(
        RegionState region, AutoScalingGroup group, string policyArn, ScalingPolicy policy, string name, string comparison, double threshold, int periods, DateTimeOffset at)
    {
        var (metricName, metricNamespace) = Metric(policy);
        region.Alarms[name] = new AlarmRecord
        {
            Name = name,
            Arn = CloudWatchXml.AlarmArn(region, name),
            OwningPolicyArn = policyArn,
            Parameters = ValueMap.Of(
                ("AlarmDescription", $"DO NOT EDIT OR DELETE. For TargetTrackingScaling policy {policyArn}."),
                ("AlarmActions.member.1", policyArn),
                ("MetricName", metricName),
                ("Namespace", metricNamespace),
                ("Statistic", "Average"),
                ("Dimensions.member.1.Name", "AutoScalingGroupName"),
                ("Dimensions.member.1.Value", group.Name),
                ("Period", "60"),
                ("EvaluationPeriods", periods.ToString(CultureInfo.InvariantCulture)),
                ("DatapointsToAlarm", periods.ToString(CultureInfo.InvariantCulture)),
                ("Threshold", threshold.ToString("0.0##", CultureInfo.InvariantCulture)),
                ("ComparisonOperator", comparison)),
            ConfigurationUpdatedAt = at,
            StateUpdatedAt = at,
        };
    }

    private static (string Name, string Namespace) Metric(ScalingPolicy policy) =>
        policy.Parameters.GetValueOrDefault("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType") switch
        {
            "ASGAverageCPUUtilization" => ("CPUUtilization", "AWS/EC2"),
            "ASGAverageNetworkIn" => ("NetworkIn", "AWS/EC2"),
            "ASGAverageNetworkOut" => ("NetworkOut", "AWS/EC2"),
            "ALBRequestCountPerTarget" => ("RequestCountPerTarget", "AWS/ApplicationELB"),
            _ => (
                policy.Parameters.GetValueOrDefault("TargetTrackingConfiguration.CustomizedMetricSpecification.MetricName") ?? "SimulatedMetric",
                policy.Parameters.GetValueOrDefault("TargetTrackingConfiguration.CustomizedMetricSpecification.Namespace") ?? "Simulator"),
        };
}
