using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>The launch settings a template is created with: what a launch configuration holds, in template terms.</summary>
public sealed record LaunchTemplateData
{
    public required string ImageId { get; init; }
    public string? InstanceType { get; init; }
    public string? KeyName { get; init; }
    public ValueList<string> SecurityGroupIds { get; init; } = ValueList<string>.Empty;
    public ValueList<string> SecurityGroupNames { get; init; } = ValueList<string>.Empty;
    public string? IamInstanceProfile { get; init; }
    public string? UserDataBase64 { get; init; }
    public ValueList<BlockDeviceMapping> BlockDeviceMappings { get; init; } = ValueList<BlockDeviceMapping>.Empty;
    public bool? EbsOptimized { get; init; }
    public bool? MonitoringEnabled { get; init; }
    public bool? AssociatePublicIpAddress { get; init; }
    public string? PlacementTenancy { get; init; }
    public string? KernelId { get; init; }
    public string? RamdiskId { get; init; }
    public string? MetadataHttpTokens { get; init; }
    public int? MetadataHopLimit { get; init; }
    public string? MetadataHttpEndpoint { get; init; }
}
