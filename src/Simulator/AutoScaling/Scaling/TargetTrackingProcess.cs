using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling.Scaling;

/// <summary>
/// Target tracking against the group's simulated metric (set through the control endpoint). The metric stands for a
/// fixed load: the value set, times the desired capacity when it was set, spread over the desired capacity, so it
/// falls as the group grows. Each enabled target-tracking policy wants the smallest capacity that brings the metric
/// to its target or below; the group scales out to the largest of those three minutes after the metric or the
/// capacity last changed (AlarmHigh's three one-minute datapoints), and in to it after fifteen (AlarmLow's), unless a
/// policy disables scale-in. Min and max bound it; a suspended AlarmNotification process stops it.
/// </summary>
internal sealed class TargetTrackingProcess : ITimedProcess
{
    public DateTimeOffset? NextDue(RegionState region) =>
        region.Groups.Values.Select(Decide).Select(d => d?.Due).Where(due => due is not null).Min();

    public void Run(RegionState region, DateTimeOffset at)
    {
        foreach (var group in region.Groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).ToList())
        {
            if (Decide(group) is not { } decision || decision.Due > at)
                continue;
            var record = group.Policies.Values.First(p => p.Policy.PolicyName == decision.PolicyName);
            var alarm = record.AlarmNames.ElementAtOrDefault(decision.ScaleOut ? 0 : 1) ?? record.AlarmNames.FirstOrDefault() ?? decision.PolicyName;
            PolicyExecution.Resize(region, group, decision.PolicyName, alarm, decision.Desired, at);
            TargetTrackingAlarms.Refresh(region, group, at);
        }
    }

    private static Decision? Decide(AutoScalingGroup group)
    {
        if (group.SimulatedLoad is not { } load || group.IsDeleting || group.IsSuspended(ScalingProcesses.AlarmNotification))
            return null;
        var wants = group.Policies.Values
            .Where(p => p.Policy.PolicyType == PolicySettings.TargetTracking && PolicySettings.IsEnabled(p.Policy))
            .Select(p => (Policy: p.Policy, Target: PolicySettings.TargetValue(p.Policy)))
            .Where(p => p.Target > 0)
            .Select(p => (p.Policy, Capacity: (int)Math.Ceiling((load / p.Target!.Value) - 1e-9)))
            .OrderByDescending(p => p.Capacity)
            .ThenBy(p => p.Policy.PolicyName, StringComparer.Ordinal)
            .ToList();
        if (wants.Count == 0)
            return null;
        var wanted = Math.Clamp(wants[0].Capacity, group.MinSize, group.MaxSize);
        var since = group.LoadChangedAt > group.CapacityChangedAt ? group.LoadChangedAt : group.CapacityChangedAt;
        if (wanted > group.DesiredCapacity)
            return new Decision(since + TimeSpan.FromMinutes(TargetTrackingAlarms.HighPeriods), wants[0].Policy.PolicyName, wanted, ScaleOut: true);
        if (wanted < group.DesiredCapacity && !wants.Any(p => PolicySettings.DisablesScaleIn(p.Policy)))
            return new Decision(since + TimeSpan.FromMinutes(TargetTrackingAlarms.LowPeriods), wants[0].Policy.PolicyName, wanted, ScaleOut: false);
        return null;
    }

    private readonly record struct Decision(DateTimeOffset Due, string PolicyName, int Desired, bool ScaleOut);
}
