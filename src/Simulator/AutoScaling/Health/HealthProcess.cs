using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling.Health;

/// <summary>
/// Auto Scaling's health checks. With HealthCheckType ELB, an InService instance that a load balancer of its group
/// reports as failing is marked Unhealthy once the grace period (counted from InService) is over; an instance a user
/// reported Unhealthy (SetInstanceHealth) is marked too. A marked instance is terminated and replaced, with a
/// terminate and a launch activity, unless ReplaceUnhealthy is suspended; the replacement is checked again, so an
/// image that never passes its checks churns as it does in AWS. With EC2 health checks a running instance stays
/// Healthy, whatever its load balancers say.
/// </summary>
internal sealed class HealthProcess : ITimedProcess
{
    public DateTimeOffset? NextDue(RegionState region)
    {
        DateTimeOffset? next = null;
        foreach (var (_, _, due, _) in Checks(region))
        {
            if (next is null || due < next)
                next = due;
        }
        return next;
    }

    public void Run(RegionState region, DateTimeOffset at)
    {
        foreach (var (group, instance, due, cause) in Checks(region).ToList())
        {
            if (due > at || !instance.IsLive)
                continue;
            instance.MarkUnhealthy(at, cause);
            if (group.IsSuspended(ScalingProcesses.ReplaceUnhealthy))
                continue;
            GroupScaler.Terminate(region, group, instance, at, GroupScaler.Sentences(at, $"an instance was taken out of service in response to {instance.UnhealthyCause}"));
            GroupScaler.Reconcile(region, group, at, reason: null);
        }
    }

    private static IEnumerable<(AutoScalingGroup Group, SimulatedInstance Instance, DateTimeOffset Due, string Cause)> Checks(RegionState region)
    {
        foreach (var group in region.Groups.Values.Where(g => !g.IsDeleting))
        {
            var replacing = !group.IsSuspended(ScalingProcesses.ReplaceUnhealthy);
            var checking = !group.IsSuspended(ScalingProcesses.HealthCheck);
            var elb = group.HealthCheckType.Split(',', StringSplitOptions.TrimEntries).Contains("ELB", StringComparer.Ordinal);
            foreach (var instance in group.LiveInstances)
            {
                if (instance.UnhealthyAt is { } marked)
                {
                    // Marked while ReplaceUnhealthy was suspended: replaced as soon as it is not.
                    if (replacing)
                        yield return (group, instance, marked, instance.UnhealthyCause!);
                    continue;
                }
                if (instance.InServiceAt is not { } inService)
                    continue;
                if (instance.ReportedUnhealthyAt is { } reported)
                    yield return (group, instance, reported > inService ? reported : inService, "a user health-check");
                else if (elb && checking && FailsAt(region, group, instance) is { } failing)
                {
                    var graceOver = inService + TimeSpan.FromSeconds(group.HealthCheckGracePeriod);
                    yield return (group, instance, failing > graceOver ? failing : graceOver, "an ELB system health check failure");
                }
            }
        }
    }

    private static DateTimeOffset? FailsAt(RegionState region, AutoScalingGroup group, SimulatedInstance instance) =>
        GroupScaler.LoadBalancerTargets(region, group)
            .Select(targets => targets.FailsChecksAt(instance))
            .Where(at => at is not null)
            .Min();
}
