using System.Globalization;
using System.Text.Json;
using AmiOrchestrator.Simulator.AutoScaling.Lifecycle;
using AmiOrchestrator.Simulator.LoadBalancing;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// Brings a group's capacity to its desired capacity: launches (Pending, or Pending:Wait while a launch lifecycle hook
/// holds the instance, InService after the AMI's boot time) or terminates (draining, Terminating:Wait while a terminate
/// hook holds it, gone after shutdown), recording a scaling activity for each, registering new instances with the
/// group's load balancers and deregistering leaving ones. Capacity counts weights: an instance of a mixed-instances
/// override with WeightedCapacity 2 fills two units. Suspended Launch or Terminate processes stop the matching half,
/// as they do in AWS.
/// </summary>
internal static class GroupScaler
{
    /// <summary>
    /// Launches or terminates the difference between live and desired capacity. <paramref name="reason"/> says what
    /// changed the desired capacity, as the first sentence of the activities' cause; null when nothing did (a resumed
    /// process, a replaced instance).
    /// </summary>
    public static void Reconcile(RegionState region, AutoScalingGroup group, DateTimeOffset now, string? reason)
    {
        if (group.IsDeleting)
            return;
        var live = group.LiveCapacity;
        if (live < group.DesiredCapacity && !group.IsSuspended(ScalingProcesses.Launch))
            Launch(region, group, now, reason);
        else if (live > group.DesiredCapacity && !group.IsSuspended(ScalingProcesses.Terminate))
            ScaleIn(region, group, now, reason);
    }

    /// <summary>
    /// Adds instances that are already InService and past their health checks: the running fleet of a group that
    /// existed before the simulation started (fixtures).
    /// </summary>
    public static void AddRunningInstances(RegionState region, AutoScalingGroup group, DateTimeOffset now)
    {
        var (plan, failure) = LaunchSources.Plan(region, group);
        if (plan is null)
            throw new InvalidOperationException($"Group {group.Name} cannot start with running instances: {failure}");
        var healthyAfter = LoadBalancerTargets(region, group).Select(t => t.HealthyAfter).DefaultIfEmpty(TimeSpan.Zero).Max();
        var launchedAt = now - plan.Image.BootTime - healthyAfter;
        while (group.LiveCapacity < group.DesiredCapacity)
            StartInstance(region, group, plan, launchedAt, hooks: false);
    }

    /// <summary>
    /// Starts terminating an instance with an activity that gives <paramref name="cause"/>. Terminate lifecycle hooks
    /// hold it unless <paramref name="runHooks"/> is false (a forced delete discards lifecycle actions).
    /// </summary>
    public static ScalingActivityRecord Terminate(RegionState region, AutoScalingGroup group, SimulatedInstance instance, DateTimeOffset now, string cause, bool runHooks = true)
    {
        var hooks = runHooks ? LifecycleHooks.Start(region, group, instance, LifecycleTransitions.Terminating, now) : [];
        Stop(region, group, instance, now, hooks);
        return region.AddActivity(Activity(
            region, group, ActivityKind.Terminate, $"Terminating EC2 instance: {instance.InstanceId}", cause, now) with
        {
            Instance = instance,
            Details = Details(instance),
        });
    }

    /// <summary>
    /// Takes an instance whose launch was abandoned out of the group: it shuts down without an activity of its own
    /// (its launch activity says what happened) and without terminate hooks.
    /// </summary>
    public static void Discard(RegionState region, AutoScalingGroup group, SimulatedInstance instance, DateTimeOffset now) =>
        Stop(region, group, instance, now, []);

    public static void Register(RegionState region, AutoScalingGroup group, SimulatedInstance instance, DateTimeOffset now)
    {
        foreach (var targets in LoadBalancerTargets(region, group))
            targets.Register(instance.InstanceId, now);
    }

    /// <summary>The registrations of every target group and classic load balancer attached to the group.</summary>
    public static IEnumerable<TargetRegistrations> LoadBalancerTargets(RegionState region, AutoScalingGroup group) =>
        group.TargetGroupArns.Select(arn => region.TargetGroups.GetValueOrDefault(arn)?.Targets)
            .Concat(group.LoadBalancerNames.Select(name => region.LoadBalancers.GetValueOrDefault(name)?.Instances))
            .OfType<TargetRegistrations>();

    /// <summary>AWS separates the sentences of a cause with two spaces, each starting "At &lt;time&gt;".</summary>
    public static string Sentences(DateTimeOffset now, params string?[] sentences) =>
        string.Join("  ", sentences.OfType<string>().Select(s => $"At {AwsTime.FormatSeconds(now)} {s}."));

    public static string Details(SimulatedInstance instance) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Availability Zone"] = instance.AvailabilityZone,
            ["Subnet ID"] = instance.SubnetId ?? string.Empty,
        });

    private static void Stop(RegionState region, AutoScalingGroup group, SimulatedInstance instance, DateTimeOffset now, IReadOnlyList<LifecycleAction> hooks)
    {
        var drain = TimeSpan.Zero;
        foreach (var targets in LoadBalancerTargets(region, group).Where(t => t.IsRegistered(instance.InstanceId)))
        {
            targets.Deregister(instance.InstanceId, now);
            drain = targets.DrainFor > drain ? targets.DrainFor : drain;
        }
        var launch = instance.LaunchActivity;
        if (launch is not null && launch.Cancellation is null && !launch.IsDone(now))
            launch.EndedEarlyAt = now;
        instance.BeginTermination(now, now + drain, hooks);
    }

    private static ScalingActivityRecord Activity(
        RegionState region, AutoScalingGroup group, ActivityKind kind, string description, string cause, DateTimeOffset start) => new()
    {
        ActivityId = region.Ids.Uuid(),
        GroupName = group.Name,
        GroupArn = group.Arn,
        Kind = kind,
        Description = description,
        Cause = cause,
        StartTime = start,
    };

    private static void Launch(RegionState region, AutoScalingGroup group, DateTimeOffset now, string? reason)
    {
        var from = group.LiveCapacity;
        var (plan, failure) = LaunchSources.Plan(region, group);
        if (plan is null)
        {
            region.AddActivity(Activity(
                region, group, ActivityKind.Launch, $"Launching a new EC2 instance.  Status Reason: {failure}",
                LaunchCause(now, reason, from, group.DesiredCapacity), now) with
            {
                FailureMessage = failure,
            });
            return;
        }
        while (group.LiveCapacity < group.DesiredCapacity)
        {
            var instance = StartInstance(region, group, plan, now, hooks: true);
            instance.LaunchActivity = region.AddActivity(Activity(
                region, group, ActivityKind.Launch, $"Launching a new EC2 instance: {instance.InstanceId}",
                LaunchCause(now, reason, from, group.DesiredCapacity), now) with
            {
                Instance = instance,
                Details = Details(instance),
            });
        }
    }

    private static SimulatedInstance StartInstance(RegionState region, AutoScalingGroup group, LaunchPlan plan, DateTimeOffset launchedAt, bool hooks)
    {
        var (zone, subnet) = NextPlacement(group);
        var choice = MixedInstances.Choose(group, plan.InstanceType);
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
            InstanceType = choice.InstanceType,
            AvailabilityZone = zone,
            SubnetId = subnet,
            PrivateIpAddress = string.Create(CultureInfo.InvariantCulture, $"10.0.{(sequence >> 8) & 0xff}.{sequence & 0xff}"),
            LaunchTemplate = plan.Template,
            LaunchConfigurationName = plan.LaunchConfigurationName,
            LaunchedAt = launchedAt,
            BootedAt = launchedAt + plan.Image.BootTime,
            NeverHealthy = plan.Image.NeverHealthy,
            ProtectedFromScaleIn = group.NewInstancesProtectedFromScaleIn,
            Tags = tags,
            WeightedCapacity = choice.Weight,
            ReportsWeight = choice.ReportsWeight,
            IsSpot = choice.Spot,
        };
        instance.BeginLaunch(hooks ? LifecycleHooks.Start(region, group, instance, LifecycleTransitions.Launching, launchedAt) : []);
        group.Instances.Add(instance);
        region.Instances[instance.InstanceId] = instance;
        Register(region, group, instance, launchedAt);
        return instance;
    }

    private static void ScaleIn(RegionState region, AutoScalingGroup group, DateTimeOffset now, string? reason)
    {
        var from = group.LiveCapacity;
        while (group.LiveCapacity > group.DesiredCapacity)
        {
            var victim = ChooseVictim(region, group, group.LiveCapacity - group.DesiredCapacity);
            if (victim is null)
                return;
            var cause = Sentences(
                now,
                reason,
                $"an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from {from} to {group.DesiredCapacity}",
                $"instance {victim.InstanceId} was selected for termination");
            Terminate(region, group, victim, now, cause);
        }
    }

    /// <summary>
    /// AWS's default termination policy, simplified: only the zones with the most instances are considered (to keep
    /// zones balanced); among them, instances launched from an outdated template version or configuration go first,
    /// then the oldest (the newest with the NewestInstance policy). Instances protected from scale-in are never chosen,
    /// nor one whose weight would take the group below its desired capacity.
    /// </summary>
    private static SimulatedInstance? ChooseVictim(RegionState region, AutoScalingGroup group, int excess)
    {
        var candidates = group.LiveInstances.Where(i => !i.ProtectedFromScaleIn && i.WeightedCapacity <= excess).ToList();
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

    private static string LaunchCause(DateTimeOffset now, string? reason, int from, int to) => Sentences(
        now,
        reason,
        $"an instance was started in response to a difference between desired and actual capacity, increasing the capacity from {from} to {to}");
}
