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

    /// <summary>The template as the caller named it; Version stays null when the caller gave none (AWS echoes only what it got).</summary>
    public LaunchTemplateSpec? LaunchTemplate { get; set; }

    public MixedInstancesPolicy? MixedInstancesPolicy { get; set; }

    public string? LaunchConfigurationName { get; set; }

    public int MinSize { get; set; }

    public int MaxSize { get; set; }

    public int DesiredCapacity { get; set; }

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

    public bool IsSuspended(string process) => SuspendedProcesses.ContainsKey(process);

    /// <summary>The template new instances launch from, whether named directly or through a mixed-instances policy.</summary>
    public LaunchTemplateSpec? EffectiveLaunchTemplate => LaunchTemplate ?? MixedInstancesPolicy?.LaunchTemplate;
}
