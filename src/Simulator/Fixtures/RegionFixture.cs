using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator;

/// <summary>The resources of one account in one region. The account defaults to the simulator's first account, the region to us-east-1.</summary>
public sealed record RegionFixture
{
    public string? AccountId { get; init; }

    public string? Region { get; init; }

    public ValueList<ImageFixture> Images { get; init; } = ValueList<ImageFixture>.Empty;

    public ValueList<LaunchTemplateFixture> LaunchTemplates { get; init; } = ValueList<LaunchTemplateFixture>.Empty;

    public ValueList<LaunchConfigurationFixture> LaunchConfigurations { get; init; } = ValueList<LaunchConfigurationFixture>.Empty;

    public ValueList<TargetGroupFixture> TargetGroups { get; init; } = ValueList<TargetGroupFixture>.Empty;

    public ValueList<LoadBalancerFixture> LoadBalancers { get; init; } = ValueList<LoadBalancerFixture>.Empty;

    public ValueList<AutoScalingGroupFixture> AutoScalingGroups { get; init; } = ValueList<AutoScalingGroupFixture>.Empty;

    public ValueList<AlarmFixture> Alarms { get; init; } = ValueList<AlarmFixture>.Empty;

    /// <summary>Automation that completes lifecycle actions on its own; the first handler that matches a hook applies.</summary>
    public ValueList<LifecycleHookHandlerFixture> LifecycleHookHandlers { get; init; } = ValueList<LifecycleHookHandlerFixture>.Empty;
}
