using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator;

/// <summary>A launch configuration, for groups that still launch from one.</summary>
public sealed record LaunchConfigurationFixture
{
    public required string Name { get; init; }

    public required string ImageId { get; init; }

    public string InstanceType { get; init; } = "t3.micro";

    public string? KeyName { get; init; }

    public ValueList<string> SecurityGroups { get; init; } = ValueList<string>.Empty;

    /// <summary>Base64, as the API carries it.</summary>
    public string? UserData { get; init; }

    public string? IamInstanceProfile { get; init; }

    public ValueList<BlockDeviceMapping> BlockDeviceMappings { get; init; } = ValueList<BlockDeviceMapping>.Empty;

    public bool? EbsOptimized { get; init; }

    public bool? InstanceMonitoring { get; init; }

    public bool? AssociatePublicIpAddress { get; init; }

    public string? PlacementTenancy { get; init; }

    public string? MetadataHttpTokens { get; init; }

    /// <summary>Defaults to the time the fixture is loaded.</summary>
    public DateTimeOffset? CreatedTime { get; init; }

    internal LaunchConfiguration ToLaunchConfiguration() => new()
    {
        Name = Name,
        ImageId = ImageId,
        InstanceType = InstanceType,
        KeyName = KeyName,
        SecurityGroups = SecurityGroups,
        UserDataBase64 = UserData,
        IamInstanceProfile = IamInstanceProfile,
        BlockDeviceMappings = BlockDeviceMappings,
        EbsOptimized = EbsOptimized,
        InstanceMonitoringEnabled = InstanceMonitoring,
        AssociatePublicIpAddress = AssociatePublicIpAddress,
        PlacementTenancy = PlacementTenancy,
        MetadataHttpTokens = MetadataHttpTokens,
    };
}
