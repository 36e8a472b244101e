using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.Ec2;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>What a group's next instance launches with, resolved from its launch template or configuration.</summary>
internal sealed record LaunchPlan(
    MachineImageRecord Image,
    string InstanceType,
    LaunchTemplateSpec? Template,
    string? LaunchConfigurationName,
    ValueMap TemplateInstanceTags);
