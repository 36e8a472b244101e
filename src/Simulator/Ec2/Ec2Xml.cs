using System.Globalization;
using System.Xml.Linq;
using AmiOrchestrator.Simulator.AutoScaling;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Ec2;

/// <summary>The ec2Query response elements (lowerCamel names, <c>xxxSet</c>/<c>item</c> lists) of the simulated resources.</summary>
internal static class Ec2Xml
{
    public const string VpcId = "vpc-0123456789abcdef0";

    public static XElement Image(MachineImageRecord image) => new(
        "item",
        new XElement("imageId", image.ImageId),
        new XElement("imageLocation", $"{image.OwnerId}/{image.Name}"),
        new XElement("imageState", image.State),
        new XElement("imageOwnerId", image.OwnerId),
        new XElement("creationDate", AwsTime.Format(image.CreationDate)),
        Xml.Bool("isPublic", image.IsPublic),
        new XElement("architecture", image.Architecture),
        new XElement("imageType", "machine"),
        new XElement("name", image.Name),
        Xml.Text("description", image.Description),
        new XElement("rootDeviceType", "ebs"),
        new XElement("rootDeviceName", "/dev/xvda"),
        new XElement("blockDeviceMapping"),
        new XElement("virtualizationType", "hvm"),
        Xml.TagSet(image.Tags),
        new XElement("hypervisor", "xen"),
        new XElement("platformDetails", "Linux/UNIX"),
        new XElement("usageOperation", "RunInstances"),
        new XElement("enaSupport", "true"));

    public static XElement Template(string elementName, LaunchTemplateRecord template) => new(
        elementName,
        new XElement("launchTemplateId", template.LaunchTemplateId),
        new XElement("launchTemplateName", template.LaunchTemplateName),
        Xml.Time("createTime", template.CreateTime),
        new XElement("createdBy", template.CreatedBy),
        Xml.Number("defaultVersionNumber", template.DefaultVersion),
        Xml.Number("latestVersionNumber", template.LatestVersion),
        Xml.TagSet(template.Tags));

    public static XElement Version(string elementName, LaunchTemplateRecord template, LaunchTemplateVersionRecord version) => new(
        elementName,
        new XElement("launchTemplateId", template.LaunchTemplateId),
        new XElement("launchTemplateName", template.LaunchTemplateName),
        Xml.Number("versionNumber", version.Number),
        Xml.Text("versionDescription", version.Description),
        Xml.Time("createTime", version.CreateTime),
        new XElement("createdBy", version.CreatedBy),
        Xml.Bool("defaultVersion", version.Number == template.DefaultVersion),
        new XElement("launchTemplateData", ParameterXml.ToElements(version.Data, QueryDialect.Ec2)));

    public static XElement Reservation(string accountId, SimulatedInstance instance, DateTimeOffset now)
    {
        var (code, name) = instance.Ec2State(now);
        var ip = instance.PrivateIpAddress;
        var item = new XElement(
            "item",
            new XElement("instanceId", instance.InstanceId),
            new XElement("imageId", instance.ImageId),
            new XElement("instanceState", new XElement("code", code.ToString(CultureInfo.InvariantCulture)), new XElement("name", name)),
            new XElement("privateDnsName", code == 48 ? string.Empty : $"ip-{ip.Replace('.', '-')}.ec2.internal"),
            new XElement("dnsName", string.Empty),
            new XElement("reason", instance.TerminatingAt is { } at ? $"User initiated ({AwsTime.FormatSeconds(at).Replace('T', ' ').TrimEnd('Z')} GMT)" : string.Empty),
            new XElement("amiLaunchIndex", "0"),
            new XElement("productCodes"),
            new XElement("instanceType", instance.InstanceType),
            Xml.Time("launchTime", instance.LaunchedAt),
            // EC2 names the lifecycle of spot instances only; on-demand ones carry none.
            Xml.Text("instanceLifecycle", instance.IsSpot ? "spot" : null),
            new XElement(
                "placement",
                new XElement("availabilityZone", instance.AvailabilityZone),
                new XElement("groupName", string.Empty),
                new XElement("tenancy", "default")),
            new XElement("monitoring", new XElement("state", "disabled")),
            Xml.Text("subnetId", code == 48 ? null : instance.SubnetId),
            Xml.Text("vpcId", code == 48 ? null : VpcId),
            Xml.Text("privateIpAddress", code == 48 ? null : ip),
            new XElement("sourceDestCheck", "true"),
            new XElement("groupSet"),
            new XElement("architecture", "x86_64"),
            new XElement("rootDeviceType", "ebs"),
            new XElement("rootDeviceName", "/dev/xvda"),
            new XElement("blockDeviceMapping"),
            new XElement("virtualizationType", "hvm"),
            Xml.TagSet(instance.Tags),
            new XElement("hypervisor", "xen"),
            new XElement("networkInterfaceSet"),
            new XElement("ebsOptimized", "false"));
        return new XElement(
            "item",
            new XElement("reservationId", "r-" + instance.InstanceId["i-".Length..]),
            new XElement("ownerId", accountId),
            new XElement("groupSet"),
            new XElement("instancesSet", item));
    }
}
