using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling.Scheduling;

/// <summary>
/// Runs scheduled actions at their times: the new min, max and desired capacity apply (desired is kept within the new
/// bounds when the action does not set it) and the launches or terminations that follow carry AWS's "scheduled
/// action" cause. A run that falls while ScheduledActions is suspended is skipped, as in AWS.
/// </summary>
internal sealed class ScheduledActionProcess : ITimedProcess
{
    public DateTimeOffset? NextDue(RegionState region) =>
        region.Groups.Values
            .Where(g => !g.IsDeleting)
            .SelectMany(g => g.ScheduledActions.Values)
            .Select(a => a.NextRun)
            .Where(at => at is not null)
            .Min();

    public void Run(RegionState region, DateTimeOffset at)
    {
        var due = region.Groups.Values
            .Where(g => !g.IsDeleting)
            .SelectMany(g => g.ScheduledActions.Values.Select(a => (Group: g, Record: a)))
            .Where(p => p.Record.NextRun <= at)
            .OrderBy(p => p.Record.NextRun)
            .ThenBy(p => p.Group.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Record.Action.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var (group, record) in due)
        {
            if (!group.IsSuspended(ScalingProcesses.ScheduledActions))
                Execute(region, group, record.Action, at);
            record.NextRun = NextRunAfter(record.Action, at);
            if (record.NextRun is null)
                group.ScheduledActions.Remove(record.Action.Name);
        }
    }

    /// <summary>
    /// When a newly put action first runs: at its start time, or, for a recurring action without one, at the first
    /// occurrence after <paramref name="now"/>; null when that is past its end time.
    /// </summary>
    public static DateTimeOffset? FirstRun(ScheduledAction action, DateTimeOffset now)
    {
        DateTimeOffset? first = action.StartTime is { } start && start > now
            ? start
            : action.Recurrence is null ? null : NextRunAfter(action, now);
        return first > action.EndTime ? null : first;
    }

    /// <summary>The action's time zone; UTC when it names none.</summary>
    public static TimeZoneInfo Zone(ScheduledAction action) =>
        action.TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(action.TimeZone);

    private static DateTimeOffset? NextRunAfter(ScheduledAction action, DateTimeOffset after)
    {
        if (action.Recurrence is null || CronSchedule.TryParse(action.Recurrence) is not { } schedule)
            return null;
        var next = schedule.Next(after, Zone(action));
        return next > action.EndTime ? null : next;
    }

    private static void Execute(RegionState region, AutoScalingGroup group, ScheduledAction action, DateTimeOffset at)
    {
        var min = action.MinSize ?? group.MinSize;
        var max = action.MaxSize ?? group.MaxSize;
        if (min > max)
            max = min;
        var desired = action.DesiredCapacity ?? group.DesiredCapacity;
        desired = Math.Clamp(desired, min, max);
        var previous = group.DesiredCapacity;
        group.Resize(min, desired, max, at);
        GroupScaler.Reconcile(
            region,
            group,
            at,
            $"a scheduled action update of AutoScalingGroup constraints to min: {min}, max: {max}, desired: {desired} changing the desired capacity from {previous} to {desired}");
    }
}
