using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling.Lifecycle;

/// <summary>
/// Completes lifecycle actions when their handler or their heartbeat timeout says so, and moves the instance on once
/// every hook of its transition has let it through: a launch proceeds to InService, or, if any hook ABANDONed it, is
/// cancelled and the instance replaced; a termination proceeds to shutdown whatever the result.
/// </summary>
internal sealed class LifecycleProcess : ITimedProcess
{
    public DateTimeOffset? NextDue(RegionState region)
    {
        DateTimeOffset? next = null;
        foreach (var instance in Waiting(region))
        {
            foreach (var action in instance.PendingActions)
            {
                if (action.DueAt is { } due && (next is null || due < next))
                    next = due;
            }
        }
        return next;
    }

    public void Run(RegionState region, DateTimeOffset at)
    {
        foreach (var instance in Waiting(region).ToList())
        {
            foreach (var action in instance.PendingActions.ToList())
                action.CompleteIfDue(at);
            Resolve(region, instance, at);
        }
    }

    /// <summary>Moves an instance on if its transition's actions are over; called after any completion.</summary>
    public static void Resolve(RegionState region, SimulatedInstance instance, DateTimeOffset at)
    {
        var actions = instance.LifecycleActions;
        var abandoned = actions.FirstOrDefault(a => a.Result == LifecycleTransitions.Abandon);
        if (abandoned is null && actions.Any(a => !a.IsComplete))
            return;
        var group = region.Groups.GetValueOrDefault(instance.GroupName);
        if (instance.IsLive)
        {
            if (!instance.WaitsOnLaunchHooks)
                return;
            if (abandoned is null)
            {
                instance.ProceedToService(at);
                return;
            }
            // An abandoned launch cancels the launch activity, terminates the instance and launches a replacement.
            if (instance.LaunchActivity is { } launch)
            {
                launch.Cancellation = (at, $"Instance failed to complete user's Lifecycle Action: Lifecycle Action with token {abandoned.Token} was abandoned: {abandoned.Reason}");
            }
            if (group is null)
                return;
            GroupScaler.Discard(region, group, instance, at);
            GroupScaler.Reconcile(region, group, at, reason: null);
            return;
        }
        if (instance.TerminatedAt is null)
            instance.ProceedToTermination(at);
    }

    private static IEnumerable<SimulatedInstance> Waiting(RegionState region) =>
        region.Groups.Values.SelectMany(g => g.Instances).Where(i => i.PendingActions.Any());
}
