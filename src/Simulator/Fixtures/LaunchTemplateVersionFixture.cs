using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator;

/// <summary>
/// The data of one launch template version: the common fields by name, and any other field as raw
/// <c>LaunchTemplateData.*</c> Query parameters in <see cref="Parameters"/> (for example
/// <c>"MetadataOptions.HttpTokens": "required"</c>).
/// </summary>
public sealed record LaunchTemplateVersionFixture
{
    public string? ImageId { get; init; }

    public string? InstanceType { get; init; }

    public string? KeyName { get; init; }

    /// <summary>Base64, as the API carries it.</summary>
    public string? UserData { get; init; }

    public ValueList<string> SecurityGroupIds { get; init; } = ValueList<string>.Empty;

    public ValueList<string> SecurityGroups { get; init; } = ValueList<string>.Empty;

    public string? IamInstanceProfileArn { get; init; }

    public string? IamInstanceProfileName { get; init; }

    public ValueList<BlockDeviceMapping> BlockDeviceMappings { get; init; } = ValueList<BlockDeviceMapping>.Empty;

    public string? VersionDescription { get; init; }

    public ValueMap Parameters { get; init; } = ValueMap.Empty;

    /// <summary>The version's data as <c>LaunchTemplateData.*</c> parameters (relative keys), the raw ones last.</summary>
    internal ValueMap ToTemplateData()
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Set(string key, object? value)
        {
            if (value is not null)
                data[key] = value is bool flag ? (flag ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture)!;
        }

        Set("ImageId", ImageId);
        Set("InstanceType", InstanceType);
        Set("KeyName", KeyName);
        Set("UserData", UserData);
        for (var i = 0; i < SecurityGroupIds.Count; i++)
            Set($"SecurityGroupId.{i + 1}", SecurityGroupIds[i]);
        for (var i = 0; i < SecurityGroups.Count; i++)
            Set($"SecurityGroup.{i + 1}", SecurityGroups[i]);
        Set("IamInstanceProfile.Arn", IamInstanceProfileArn);
        Set("IamInstanceProfile.Name", IamInstanceProfileName);
        for (var i = 0; i < BlockDeviceMappings.Count; i++)
        {
            var mapping = BlockDeviceMappings[i];
            var prefix = $"BlockDeviceMapping.{i + 1}.";
            Set(prefix + "DeviceName", mapping.DeviceName);
            Set(prefix + "VirtualName", mapping.VirtualName);
            Set(prefix + "NoDevice", mapping.NoDevice is true ? string.Empty : null);
            Set(prefix + "Ebs.SnapshotId", mapping.SnapshotId);
            Set(prefix + "Ebs.VolumeSize", mapping.VolumeSize);
            Set(prefix + "Ebs.VolumeType", mapping.VolumeType);
            Set(prefix + "Ebs.DeleteOnTermination", mapping.DeleteOnTermination);
            Set(prefix + "Ebs.Encrypted", mapping.Encrypted);
            Set(prefix + "Ebs.Iops", mapping.Iops);
            Set(prefix + "Ebs.Throughput", mapping.Throughput);
        }
        return ValueMap.From(data).Merge(Parameters);
    }
}
