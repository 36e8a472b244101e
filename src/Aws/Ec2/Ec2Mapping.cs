using Amazon.EC2;
using Amazon.EC2.Model;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using DomainBlockDeviceMapping = AmiOrchestrator.Domain.Cloud.BlockDeviceMapping;
using DomainCreateLaunchTemplateRequest = AmiOrchestrator.Domain.Cloud.CreateLaunchTemplateRequest;
using DomainCreateLaunchTemplateVersionRequest = AmiOrchestrator.Domain.Cloud.CreateLaunchTemplateVersionRequest;
using DomainLaunchTemplateVersion = AmiOrchestrator.Domain.Cloud.LaunchTemplateVersion;
using SdkCreateLaunchTemplateRequest = Amazon.EC2.Model.CreateLaunchTemplateRequest;
using SdkCreateLaunchTemplateVersionRequest = Amazon.EC2.Model.CreateLaunchTemplateVersionRequest;
using SdkLaunchTemplateVersion = Amazon.EC2.Model.LaunchTemplateVersion;

namespace AmiOrchestrator.Aws.Ec2;

/// <summary>
/// Between domain types and AWSSDK.EC2's. Collections the caller does not set stay null: the SDK serializes an
/// empty list as <c>ImageId=</c>, which EC2 reads as a (malformed) value rather than as nothing.
/// </summary>
internal static class Ec2Mapping
{
    /// <summary>DescribeImages' largest page.</summary>
    public const int MaxImagesPerPage = 1000;

    public static DescribeImagesRequest DescribeImages(ImageQuery query, string? nextToken)
    {
        var filters = new List<Filter>();
        if (query.NamePattern is { } pattern)
            filters.Add(new Filter("name", [pattern]));
        foreach (var (key, value) in query.Tags)
            filters.Add(new Filter("tag:" + key, [value]));
        return new DescribeImagesRequest
        {
            ImageIds = NullIfEmpty(query.ImageIds),
            Owners = NullIfEmpty(query.Owners),
            Filters = filters.Count > 0 ? filters : null,
            // EC2 refuses MaxResults together with ImageIds; a list of ids is answered in one page anyway.
            MaxResults = query.ImageIds.Count == 0 ? MaxImagesPerPage : null,
            NextToken = nextToken,
        };
    }

    // EC2 always reports a creation date; were one missing, the minimum keeps the image last in a newest-wins choice.
    public static MachineImage Image(Image image) => new(
        image.ImageId,
        image.Name ?? string.Empty,
        image.State?.Value ?? string.Empty,
        image.OwnerId ?? string.Empty,
        image.CreationDate is { } created ? ResponseXml.ParseTime("creationDate", created) : DateTimeOffset.MinValue,
        ValueMap.From((image.Tags ?? []).Select(t => KeyValuePair.Create(t.Key, t.Value ?? string.Empty))));

    // AWS refuses a template named both by id and by name; the id wins when a spec carries both.
    public static DescribeLaunchTemplateVersionsRequest DescribeVersion(LaunchTemplateSpec template, string version) => new()
    {
        LaunchTemplateId = template.LaunchTemplateId,
        LaunchTemplateName = template.LaunchTemplateId is null ? template.LaunchTemplateName : null,
        Versions = [version],
    };

    public static DomainLaunchTemplateVersion Version(SdkLaunchTemplateVersion version) => new(
        version.LaunchTemplateId,
        version.LaunchTemplateName ?? string.Empty,
        version.VersionNumber ?? 0,
        version.LaunchTemplateData?.ImageId,
        version.LaunchTemplateData?.InstanceType?.Value,
        version.LaunchTemplateData?.UserData);

    public static SdkCreateLaunchTemplateVersionRequest CreateVersion(DomainCreateLaunchTemplateVersionRequest request) => new()
    {
        LaunchTemplateId = request.LaunchTemplateId,
        SourceVersion = request.SourceVersion,
        ClientToken = request.ClientToken,
        VersionDescription = request.VersionDescription,
        LaunchTemplateData = new RequestLaunchTemplateData
        {
            ImageId = request.ImageId,
            UserData = request.UserDataBase64,
        },
    };

    public static SdkCreateLaunchTemplateRequest CreateTemplate(DomainCreateLaunchTemplateRequest request) => new()
    {
        LaunchTemplateName = request.LaunchTemplateName,
        ClientToken = request.ClientToken,
        LaunchTemplateData = TemplateData(request.Data),
    };

    /// <summary>CreateLaunchTemplate answers with the template only; its first version holds the data just sent.</summary>
    public static DomainLaunchTemplateVersion CreatedTemplate(LaunchTemplate template, LaunchTemplateData data) => new(
        template.LaunchTemplateId,
        template.LaunchTemplateName ?? string.Empty,
        template.LatestVersionNumber ?? 1,
        data.ImageId,
        data.InstanceType,
        data.UserDataBase64);

    public static RequestLaunchTemplateData TemplateData(LaunchTemplateData data)
    {
        // A public IP can only be asked for on a network interface, and EC2 refuses instance-level security groups
        // next to an interface, so with that setting the group ids move onto the interface.
        var onInterface = data.AssociatePublicIpAddress is not null;
        return new RequestLaunchTemplateData
        {
            ImageId = data.ImageId,
            InstanceType = data.InstanceType is { } type ? InstanceType.FindValue(type) : null,
            KeyName = data.KeyName,
            SecurityGroupIds = onInterface ? null : NullIfEmpty(data.SecurityGroupIds),
            SecurityGroups = NullIfEmpty(data.SecurityGroupNames),
            NetworkInterfaces = onInterface
                ? [new LaunchTemplateInstanceNetworkInterfaceSpecificationRequest
                    {
                        DeviceIndex = 0,
                        AssociatePublicIpAddress = data.AssociatePublicIpAddress,
                        Groups = NullIfEmpty(data.SecurityGroupIds),
                    }]
                : null,
            IamInstanceProfile = data.IamInstanceProfile is { } profile
                ? profile.StartsWith("arn:", StringComparison.Ordinal)
                    ? new LaunchTemplateIamInstanceProfileSpecificationRequest { Arn = profile }
                    : new LaunchTemplateIamInstanceProfileSpecificationRequest { Name = profile }
                : null,
            UserData = data.UserDataBase64,
            BlockDeviceMappings = data.BlockDeviceMappings.Count > 0 ? [.. data.BlockDeviceMappings.Select(BlockDevice)] : null,
            EbsOptimized = data.EbsOptimized,
            Monitoring = data.MonitoringEnabled is { } monitoring ? new LaunchTemplatesMonitoringRequest { Enabled = monitoring } : null,
            Placement = data.PlacementTenancy is { } tenancy ? new LaunchTemplatePlacementRequest { Tenancy = Tenancy.FindValue(tenancy) } : null,
            KernelId = data.KernelId,
            RamDiskId = data.RamdiskId,
            MetadataOptions = data.MetadataHttpTokens is null && data.MetadataHopLimit is null && data.MetadataHttpEndpoint is null
                ? null
                : new LaunchTemplateInstanceMetadataOptionsRequest
                {
                    HttpTokens = data.MetadataHttpTokens is { } tokens ? LaunchTemplateHttpTokensState.FindValue(tokens) : null,
                    HttpPutResponseHopLimit = data.MetadataHopLimit,
                    HttpEndpoint = data.MetadataHttpEndpoint is { } endpoint
                        ? LaunchTemplateInstanceMetadataEndpointState.FindValue(endpoint)
                        : null,
                },
        };
    }

    private static LaunchTemplateBlockDeviceMappingRequest BlockDevice(DomainBlockDeviceMapping device)
    {
        var hasEbs = device.SnapshotId is not null || device.VolumeSize is not null || device.VolumeType is not null
            || device.DeleteOnTermination is not null || device.Encrypted is not null || device.Iops is not null
            || device.Throughput is not null;
        return new LaunchTemplateBlockDeviceMappingRequest
        {
            DeviceName = device.DeviceName,
            VirtualName = device.VirtualName,
            // EC2 suppresses a device when NoDevice is present, whatever its text: an empty string is the convention.
            NoDevice = device.NoDevice == true ? string.Empty : null,
            Ebs = hasEbs
                ? new LaunchTemplateEbsBlockDeviceRequest
                {
                    SnapshotId = device.SnapshotId,
                    VolumeSize = device.VolumeSize,
                    VolumeType = device.VolumeType is { } volumeType ? VolumeType.FindValue(volumeType) : null,
                    DeleteOnTermination = device.DeleteOnTermination,
                    Encrypted = device.Encrypted,
                    Iops = device.Iops,
                    Throughput = device.Throughput,
                }
                : null,
        };
    }

    private static List<string>? NullIfEmpty(ValueList<string> values) => values.Count > 0 ? [.. values] : null;
}
