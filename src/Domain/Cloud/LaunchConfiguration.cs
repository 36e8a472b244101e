using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>A launch configuration (the predecessor of launch templates) that a base group may still use.</summary>
public sealed record LaunchConfiguration
{
    public required string Name { get; init; }
    public required string ImageId { get; init; }
    public string? InstanceType { get; init; }
    public string? KeyName { get; init; }
    public ValueList<string> SecurityGroups { get; init; } = ValueList<string>.Empty;
    public string? IamInstanceProfile { get; init; }
    public string? UserDataBase64 { get; init; }
    public ValueList<BlockDeviceMapping> BlockDeviceMappings { get; init; } = ValueList<BlockDeviceMapping>.Empty;
    public bool? EbsOptimized { get; init; }
    public bool? InstanceMonitoringEnabled { get; init; }
    public bool? AssociatePublicIpAddress { get; init; }
    public string? PlacementTenancy { get; init; }
    public string? KernelId { get; init; }
    public string? RamdiskId { get; init; }
    public string? MetadataHttpTokens { get; init; }
    public int? MetadataHopLimit { get; init; }
    public string? MetadataHttpEndpoint { get; init; }

    /// <summary>
    /// The template data that launches what this configuration launched, with <paramref name="imageId"/> and,
    /// when given, new user data. Security groups named <c>sg-…</c> are ids; others are names.
    /// </summary>
    public LaunchTemplateData ToLaunchTemplateData(string imageId, string? userDataBase64) => new()
    {
        ImageId = imageId,
        InstanceType = InstanceType,
        KeyName = KeyName,
        SecurityGroupIds = SecurityGroups.Where(IsGroupId).ToValueList(),
        SecurityGroupNames = SecurityGroups.Where(g => !IsGroupId(g)).ToValueList(),
        IamInstanceProfile = IamInstanceProfile,
        UserDataBase64 = userDataBase64 ?? UserDataBase64,
        BlockDeviceMappings = BlockDeviceMappings,
        EbsOptimized = EbsOptimized,
        MonitoringEnabled = InstanceMonitoringEnabled,
        AssociatePublicIpAddress = AssociatePublicIpAddress,
        PlacementTenancy = PlacementTenancy,
        KernelId = KernelId,
        RamdiskId = RamdiskId,
        MetadataHttpTokens = MetadataHttpTokens,
        MetadataHopLimit = MetadataHopLimit,
        MetadataHttpEndpoint = MetadataHttpEndpoint,
    };

    private static bool IsGroupId(string group) => group.StartsWith("sg-", StringComparison.Ordinal);
}
