using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// A simulated Auto Scaling group: its settings as the last Create/Update left them, its instances (including those
/// still terminating), and the policies, scheduled actions and lifecycle hooks attached to it. Mutated only under
/// its region's lock.
/// </summary>
internal sealed class AutoScalingGroup
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required DateTimeOffset CreatedTime { get; init; }

    /// <summary>When the group was made in the simulation (fixtures may date <see cref="CreatedTime"/> in the past).</summary>
    public required DateTimeOffset MadeAt { get; init; }

    /// <summary>The template as the caller named it; Version stays null when the caller gave none (AWS echoes only what it got).</summary>
    public LaunchTemplateSpec? LaunchTemplate { get; set; }

    public MixedInstancesPolicy? MixedInstancesPolicy { get; set; }

    public string? LaunchConfigurationName { get; set; }

    public int MinSize { get; private set; }

    public int MaxSize { get; private set; }

    public int DesiredCapacity { get; private set; }

    /// <summary>
    /// Every size the group had lately, oldest first, for eventual consistency: a describe call sees the newest entry
    /// that is older than the lag. The first entry is the group's size when it was made.
    /// </summary>
    public List<CapacityRecord> CapacityHistory { get; } = [];

    /// <summary>When min, desired or max last changed, whoever changed them.</summary>
    public DateTimeOffset CapacityChangedAt { get; private set; }

    /// <summary>
    /// The simulated load a test set for target-tracking policies: the value of the tracked metric times the desired
    /// capacity when it was set, so that the metric falls as the group grows. Null until set.
    /// </summary>
    public double? SimulatedLoad { get; set; }

    public DateTimeOffset LoadChangedAt { get; set; }

    /// <summary>When a simple scaling policy last changed the capacity; its cooldown counts from there.</summary>
    public DateTimeOffset? LastSimplePolicyAt { get; set; }

    public int DefaultCooldown { get; set; } = 300;

    public List<string> AvailabilityZones { get; set; } = [];

    public string? VpcZoneIdentifier { get; set; }

    public List<string> TargetGroupArns { get; } = [];

    public List<string> LoadBalancerNames { get; } = [];

    public string HealthCheckType { get; set; } = "EC2";

    public int HealthCheckGracePeriod { get; set; }

    public List<string> TerminationPolicies { get; set; } = ["Default"];

    public bool NewInstancesProtectedFromScaleIn { get; set; }

    public bool CapacityRebalance { get; set; }

    public int? MaxInstanceLifetime { get; set; }

    public int? DefaultInstanceWarmup { get; set; }

    public string? PlacementGroup { get; set; }

    public string? DesiredCapacityType { get; set; }

    public string? Context { get; set; }

    public required string ServiceLinkedRoleArn { get; set; }

    public SortedDictionary<string, AsgTag> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Suspended process name to AWS's suspension reason text.</summary>
    public SortedDictionary<string, string> SuspendedProcesses { get; } = new(StringComparer.Ordinal);

    public List<SimulatedInstance> Instances { get; } = [];

    public SortedDictionary<string, PolicyRecord> Policies { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, ScheduledActionRecord> ScheduledActions { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, LifecycleHook> LifecycleHooks { get; } = new(StringComparer.Ordinal);

    /// <summary>Set by a forced delete: the group is shown with Status "Delete in progress" until its instances are gone.</summary>
    public DateTimeOffset? DeletingSince { get; set; }

    public bool IsDeleting => DeletingSince is not null;

    /// <summary>Instances that count towards capacity: launched and not being terminated.</summary>
    public IEnumerable<SimulatedInstance> LiveInstances => Instances.Where(i => i.IsLive);

    /// <summary>The capacity the live instances provide, in the units of desired capacity (weights count).</summary>
    public int LiveCapacity => LiveInstances.Sum(i => i.WeightedCapacity);

    /// <summary>Sets the group's size; every size change goes through here so that it is recorded.</summary>
    public void Resize(int min, int desired, int max, DateTimeOffset at)
    {
        if (CapacityHistory.Count > 0 && (min, desired, max) == (MinSize, DesiredCapacity, MaxSize))
            return;
        MinSize = min;
        DesiredCapacity = desired;
        MaxSize = max;
        CapacityChangedAt = at;
        CapacityHistory.Add(new CapacityRecord(at, min, desired, max));
        // Entries an hour older than a newer one can no longer be the visible one under any sensible lag.
        while (CapacityHistory.Count > 2 && CapacityHistory[1].At + TimeSpan.FromHours(1) < at)
            CapacityHistory.RemoveAt(0);
    }

    /// <summary>The size a describe call sees at <paramref name="now"/> under <paramref name="lag"/>; null while the group itself is not yet visible.</summary>
    public CapacityRecord? VisibleCapacity(DateTimeOffset now, TimeSpan lag) =>
        CapacityHistory.LastOrDefault(c => c.At + lag <= now);

    public bool IsSuspended(string process) => SuspendedProcesses.ContainsKey(process);

    /// <summary>The template new instances launch from, whether named directly or through a mixed-instances policy.</summary>
    public LaunchTemplateSpec? EffectiveLaunchTemplate => LaunchTemplate ?? MixedInstancesPolicy?.LaunchTemplate;
}
