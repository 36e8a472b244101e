using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// The group's default cooldown, as SetDesiredCapacity with HonorCooldown respects it: while a scaling activity of
/// the group is in progress, or until DefaultCooldown seconds after the last one ended, the call is refused with
/// ScalingActivityInProgress naming the activity.
/// </summary>
internal static class Cooldown
{
    public static void Check(RegionState region, AutoScalingGroup group, DateTimeOffset now)
    {
        var activities = region.Activities.Where(a => a.GroupArn == group.Arn).ToList();
        var inProgress = activities.Where(a => !a.IsDone(now)).MinBy(a => a.Ordinal);
        var last = activities.MaxBy(a => a.Ordinal);
        var blocking = inProgress ?? (last?.EndTime(now) + TimeSpan.FromSeconds(group.DefaultCooldown) > now ? last : null);
        if (blocking is not null)
            throw new AwsException("ScalingActivityInProgress", $"Scaling activity {blocking.ActivityId} is in progress and blocks this action");
    }
}
