using System.Globalization;
using System.Text.Json;
using AmiOrchestrator.Simulator.LoadBalancing;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// Brings a group's instances to its desired capacity: launches (Pending, InService after the AMI's boot time) or
/// terminates (Terminating, gone after draining and shutdown), recording a scaling activity for each, registering
/// new instances with the group's load balancers and deregistering leaving ones. Suspended Launch or Terminate
/// processes stop the matching half, as they do in AWS.
/// </summary>
internal static class GroupScaler
{
    // How long an instance takes to shut down once any connection draining is over.
    private static readonly TimeSpan ShutdownTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Launches or terminates the difference between live and desired capacity. <paramref name="reason"/> says what
    /// changed the desired capacity, as the first sentence of the activities' cause; null when nothing did (a resumed process).
    /// </summary>
    public static void Reconcile(RegionState region, AutoScalingGroup group, DateTimeOffset now, string? reason)
    {
        if (group.IsDeleting)
            return;
        var live = group.LiveInstances.Count();
        if (live < group.DesiredCapacity && !group.IsSuspended(ScalingProcesses.Launch))
            Launch(region, group, group.DesiredCapacity - live, now, reason);
        else if (live > group.DesiredCapacity && !group.IsSuspended(ScalingProcesses.Terminate))
            ScaleIn(region, group, live - group.DesiredCapacity, now, reason);
    }

    /// <summary>
    /// Adds instances that are already InService and past their health checks: the running fleet of a group that
    /// existed before the simulation started (fixtures).
    /// </summary>
    public static void AddRunningInstances(RegionState region, AutoScalingGroup group, int count, DateTimeOffset now)
    {
        var (plan, failure) = LaunchSources.Plan(region, group);
        if (plan is null)
            throw new InvalidOperationException($"Group {group.Name} cannot start with running instances: {failure}");
        var healthyAfter = LoadBalancerTargets(region, group).Select(t => t.HealthyAfter).DefaultIfEmpty(TimeSpan.Zero).Max();
        var launchedAt = now - plan.Image.BootTime - healthyAfter;
        for (var i = 0; i < count; i++)
            StartInstance(region, group, plan, launchedAt);
    }

    public static void Terminate(RegionState region, AutoScalingGroup group, SimulatedInstance instance, DateTimeOffset now, string cause)
    {
        var drain = TimeSpan.Zero;
        foreach (var targets in LoadBalancerTargets(region, group).Where(t => t.IsRegistered(instance.InstanceId)))
        {
            targets.Deregister(instance.InstanceId, now);
            drain = targets.DrainFor > drain ? targets.DrainFor : drain;
        }
        instance.BeginTermination(now, drain + ShutdownTime);
        if (instance.LaunchActivity is { } launch && launch.CompletesAt > now)
            launch.CompletesAt = now;
        region.Activities.Add(Activity(
            region, group, ActivityKind.Terminate, $"Terminating EC2 instance: {instance.InstanceId}", cause, now, instance.TerminatedAt!.Value) with
        {
            Details = Details(instance),
        });
    }

    private static ScalingActivityRecord Activity(
        RegionState region, AutoScalingGroup group, ActivityKind kind, string description, string cause, DateTimeOffset start, DateTimeOffset completesAt) => new()
    {
        ActivityId = region.Ids.Uuid(),
        Sequence = region.Ids.NextSequence(),
        GroupName = group.Name,
        GroupArn = group.Arn,
        Kind = kind,
        Description = description,
        Cause = cause,
        StartTime = start,
        CompletesAt = completesAt,
    };

    public static void Register(RegionState region, AutoScalingGroup group, SimulatedInstance instance, DateTimeOffset now)
    {
        foreach (var targets in LoadBalancerTargets(region, group))
            targets.Register(instance.InstanceId, now);
    }

    private static void Launch(RegionState region, AutoScalingGroup group, int count, DateTimeOffset now, string? reason)
    {
        var live = group.LiveInstances.Count();
        var (plan, failure) = LaunchSources.Plan(region, group);
        if (plan is null)
        {
            region.Activities.Add(Activity(
                region, group, ActivityKind.Launch, $"Launching a new EC2 instance.  Status Reason: {failure}",
                LaunchCause(now, reason, live, group.DesiredCapacity), now, now) with
            {
                FailureMessage = failure,
            });
            return;
        }
        for (var i = 0; i < count; i++)
        {
            var instance = StartInstance(region, group, plan, now);
            instance.LaunchActivity = Activity(
                region, group, ActivityKind.Launch, $"Launching a new EC2 instance: {instance.InstanceId}",
                LaunchCause(now, reason, live, group.DesiredCapacity), now, instance.InServiceAt) with
            {
                Details = Details(instance),
            };
            region.Activities.Add(instance.LaunchActivity);
        }
    }

    private static SimulatedInstance StartInstance(RegionState region, AutoScalingGroup group, LaunchPlan plan, DateTimeOffset launchedAt)
    {
        var (zone, subnet) = NextPlacement(group);
        var tags = plan.TemplateInstanceTags;
        foreach (var tag in group.Tags.Values.Where(t => t.PropagateAtLaunch))
            tags = tags.SetItem(tag.Key, tag.Value);
        tags = tags.SetItem("aws:autoscaling:groupName", group.Name);
        var sequence = region.Ids.NextSequence();
        var instance = new SimulatedInstance
        {
            InstanceId = region.Ids.Next("i-"),
            GroupName = group.Name,
            ImageId = plan.Image.ImageId,
            InstanceType = plan.InstanceType,
            AvailabilityZone = zone,
            SubnetId = subnet,
            PrivateIpAddress = string.Create(CultureInfo.InvariantCulture, $"10.0.{(sequence >> 8) & 0xff}.{sequence & 0xff}"),
            LaunchTemplate = plan.Template,
            LaunchConfigurationName = plan.LaunchConfigurationName,
            LaunchedAt = launchedAt,
            InServiceAt = launchedAt + plan.Image.BootTime,
            NeverHealthy = plan.Image.NeverHealthy,
            ProtectedFromScaleIn = group.NewInstancesProtectedFromScaleIn,
            Tags = tags,
        };
        group.Instances.Add(instance);
        region.Instances[instance.InstanceId] = instance;
        Register(region, group, instance, launchedAt);
        return instance;
    }

    private static void ScaleIn(RegionState region, AutoScalingGroup group, int count, DateTimeOffset now, string? reason)
    {
        var live = group.LiveInstances.Count();
        for (var i = 0; i < count; i++)
        {
            var victim = ChooseVictim(region, group);
            if (victim is null)
                return;
            var cause = Sentences(
                now,
                reason,
                $"an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from {live} to {group.DesiredCapacity}",
                $"instance {victim.InstanceId} was selected for termination");
            Terminate(region, group, victim, now, cause);
        }
    }

    /// <summary>
    /// AWS's default termination policy, simplified: only the zones with the most instances are considered (to keep
    /// zones balanced); among them, instances launched from an outdated template version or configuration go first,
    /// then the oldest (the newest with the NewestInstance policy). Instances protected from scale-in are never chosen.
    /// </summary>
    private static SimulatedInstance? ChooseVictim(RegionState region, AutoScalingGroup group)
    {
        var candidates = group.LiveInstances.Where(i => !i.ProtectedFromScaleIn).ToList();
        if (candidates.Count == 0)
            return null;
        var perZone = group.LiveInstances.GroupBy(i => i.AvailabilityZone).ToDictionary(z => z.Key, z => z.Count(), StringComparer.Ordinal);
        var busiest = candidates.Max(i => perZone[i.AvailabilityZone]);
        var newestFirst = group.TerminationPolicies.FirstOrDefault() == "NewestInstance";
        var ordered = candidates
            .Where(i => perZone[i.AvailabilityZone] == busiest)
            .OrderBy(i => LaunchSources.IsCurrent(region, group, i) ? 1 : 0);
        ordered = newestFirst ? ordered.ThenByDescending(i => i.LaunchedAt) : ordered.ThenBy(i => i.LaunchedAt);
        return ordered.ThenBy(i => i.InstanceId, StringComparer.Ordinal).First();
    }

    private static (string Zone, string? Subnet) NextPlacement(AutoScalingGroup group)
    {
        var zones = group.AvailabilityZones;
        var live = group.LiveInstances.ToList();
        var index = Enumerable.Range(0, zones.Count)
            .OrderBy(i => live.Count(instance => instance.AvailabilityZone == zones[i]))
            .ThenBy(i => i)
            .First();
        var subnets = (group.VpcZoneIdentifier ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (zones[index], subnets.Length == 0 ? null : subnets[index % subnets.Length]);
    }

    private static IEnumerable<TargetRegistrations> LoadBalancerTargets(RegionState region, AutoScalingGroup group) =>
        group.TargetGroupArns.Select(arn => region.TargetGroups.GetValueOrDefault(arn)?.Targets)
            .Concat(group.LoadBalancerNames.Select(name => region.LoadBalancers.GetValueOrDefault(name)?.Instances))
            .OfType<TargetRegistrations>();

    private static string LaunchCause(DateTimeOffset now, string? reason, int from, int to) => Sentences(
        now,
        reason,
        $"an instance was started in response to a difference between desired and actual capacity, increasing the capacity from {from} to {to}");

    // AWS separates the sentences of a cause with two spaces, each starting "At <time>".
    private static string Sentences(DateTimeOffset now, params string?[] sentences) =>
        string.Join("  ", sentences.OfType<string>().Select(s => $"At {AwsTime.FormatSeconds(now)} {s}."));

    private static string Details(SimulatedInstance instance) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Availability Zone"] = instance.AvailabilityZone,
            ["Subnet ID"] = instance.SubnetId ?? string.Empty,
        });
}
