using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;

namespace AmiOrchestrator.Steps.Waits;

/// <summary>
/// Judges a wait from one observation, as a pure function, so the watcher that feeds observations (or a test's
/// poller) decides nothing itself. Steady state is SEMANTICS.md's: exactly the desired number of instances, every
/// one InService and Healthy, healthy in every target group and InService in every classic load balancer listed.
/// Deregistered means no instance of the group is registered (draining included) in any of them.
/// </summary>
public static class WaitJudge
{
    public static WaitVerdict Judge(StepAction wait, GroupObservation observation) => wait switch
    {
        WaitSteady steady => Ownership(observation, steady.MissingIsDone, steady.OwnedBy) ?? Steady(steady, observation),
        WaitDeregistered deregistered => Ownership(observation, deregistered.MissingIsDone, deregistered.OwnedBy) ?? Deregistered(deregistered, observation),
        _ => throw new ArgumentException($"'{wait.Name}' is not judged from observations", nameof(wait)),
    };

    /// <summary>The verdict for a group that is missing or not this deployment's, or null when the group is there to be judged.</summary>
    private static WaitVerdict? Ownership(GroupObservation observation, bool missingIsDone, string? ownedBy)
    {
        if (observation.Group is not { } group)
        {
            // Right after a create, DescribeAutoScalingGroups may not show the group yet: only a teardown may call absence done.
            return missingIsDone
                ? new WaitVerdict.Done($"group {observation.AsgName} does not exist")
                : new WaitVerdict.NotYet($"group {observation.AsgName} is not visible yet");
        }
        if (ownedBy is not null && group.TagValue(LineageTags.DeploymentKey) != ownedBy)
            return new WaitVerdict.Done($"group {group.Name} is not deployment {ownedBy}'s; left alone");
        return null;
    }

    private static WaitVerdict Steady(WaitSteady wait, GroupObservation observation)
    {
        var group = observation.Group!;
        if (ReadFailure(observation, wait.TargetGroups, wait.LoadBalancers) is { } failure)
            return failure;
        var instances = group.Instances;
        var ready = instances.Where(i => i.IsInServiceAndHealthy).ToList();
        var problems = new List<string>();
        if (instances.Count != wait.DesiredCapacity)
            problems.Add($"{instances.Count} instances, waiting for {wait.DesiredCapacity}");
        var notReady = instances.Where(i => !i.IsInServiceAndHealthy).ToList();
        if (notReady.Count > 0)
            problems.Add(Describe(notReady.Select(i => $"{i.InstanceId} {i.LifecycleState}/{i.HealthStatus}")));
        foreach (var targetGroup in wait.TargetGroups)
        {
            if (!observation.TargetHealth.TryGetValue(targetGroup, out var targets))
            {
                problems.Add($"target group {targetGroup} not read yet");
                continue;
            }
            var health = targets.ToDictionary(t => t.TargetId, StringComparer.Ordinal);
            var unhealthy = ready
                .Where(i => !(health.TryGetValue(i.InstanceId, out var target) && target.IsHealthy))
                .Select(i => $"{i.InstanceId} {(health.TryGetValue(i.InstanceId, out var target) ? target.State : "unregistered")}")
                .ToList();
            if (unhealthy.Count > 0)
                problems.Add($"in {ShortArn(targetGroup)}: {Describe(unhealthy)}");
        }
        foreach (var loadBalancer in wait.LoadBalancers)
        {
            if (!observation.LoadBalancerHealth.TryGetValue(loadBalancer, out var members))
            {
                problems.Add($"load balancer {loadBalancer} not read yet");
                continue;
            }
            var inService = members.Where(m => m.IsInService).Select(m => m.InstanceId).ToHashSet(StringComparer.Ordinal);
            var outOfService = ready.Where(i => !inService.Contains(i.InstanceId)).Select(i => i.InstanceId).ToList();
            if (outOfService.Count > 0)
                problems.Add($"out of service in {loadBalancer}: {Describe(outOfService)}");
        }
        return problems.Count == 0
            ? new WaitVerdict.Done($"{group.Name} steady at {wait.DesiredCapacity}")
            : new WaitVerdict.NotYet($"{group.Name}: {string.Join("; ", problems)}");
    }

    private static WaitVerdict Deregistered(WaitDeregistered wait, GroupObservation observation)
    {
        var group = observation.Group!;
        if (ReadFailure(observation, wait.TargetGroups, wait.LoadBalancers) is { } failure)
            return failure;
        var ids = group.Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        var registered = new List<string>();
        foreach (var targetGroup in wait.TargetGroups)
        {
            if (!observation.TargetHealth.TryGetValue(targetGroup, out var targets))
                return new WaitVerdict.NotYet($"target group {targetGroup} not read yet");
            // "unused" is how a target group reports a target that is not registered (or in a detached zone).
            registered.AddRange(targets.Where(t => ids.Contains(t.TargetId) && t.State != "unused").Select(t => $"{t.TargetId} {t.State} in {ShortArn(targetGroup)}"));
        }
        foreach (var loadBalancer in wait.LoadBalancers)
        {
            if (!observation.LoadBalancerHealth.TryGetValue(loadBalancer, out var members))
                return new WaitVerdict.NotYet($"load balancer {loadBalancer} not read yet");
            registered.AddRange(members.Where(m => ids.Contains(m.InstanceId)).Select(m => $"{m.InstanceId} in {loadBalancer}"));
        }
        return registered.Count == 0
            ? new WaitVerdict.Done($"{group.Name} deregistered")
            : new WaitVerdict.NotYet($"{group.Name} still registered: {Describe(registered)}");
    }

    /// <summary>A load balancer that does not exist can never report healthy: the wait fails at once with the cloud's words.</summary>
    private static WaitVerdict.Failed? ReadFailure(GroupObservation observation, ValueList<string> targetGroups, ValueList<string> loadBalancers)
    {
        var missing = targetGroups.Concat(loadBalancers)
            .Select(name => observation.ReadErrors.GetValueOrDefault(name))
            .FirstOrDefault(error => error is not null && !error.Retryable && CloudErrorCodes.IsNotFound(error));
        return missing is null ? null : new WaitVerdict.Failed(new StepFailure(StepFailureKind.NonRetryable, missing.Message, missing.Code));
    }

    // A wait's reason is shown live and stored on failure: keep it readable for a group of hundreds.
    private static string Describe(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 5 ? string.Join(", ", list) : string.Join(", ", list.Take(5)) + $" and {list.Count - 5} more";
    }

    private static string ShortArn(string targetGroupArn)
    {
        var marker = targetGroupArn.IndexOf("targetgroup/", StringComparison.Ordinal);
        return marker < 0 ? targetGroupArn : targetGroupArn[marker..];
    }
}
