using System.Xml.Linq;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Tests.Protocol;

public sealed class ParameterXmlTests
{
    [Fact]
    public void AwsQuery_parameters_become_the_same_named_elements_with_member_lists()
    {
        var parameters = ValueMap.Of(
            ("StepAdjustments.member.2.ScalingAdjustment", "2"),
            ("StepAdjustments.member.1.ScalingAdjustment", "1"),
            ("TargetTrackingConfiguration.TargetValue", "50.0"));

        var xml = Render(ParameterXml.ToElements(parameters, QueryDialect.AwsQuery));

        Assert.Equal(
            "<StepAdjustments><member><ScalingAdjustment>1</ScalingAdjustment></member><member><ScalingAdjustment>2</ScalingAdjustment></member></StepAdjustments>"
            + "<TargetTrackingConfiguration><TargetValue>50.0</TargetValue></TargetTrackingConfiguration>",
            xml);
    }

    [Fact]
    public void Ec2_parameters_become_lower_camel_elements_with_set_lists_of_items()
    {
        var parameters = ValueMap.Of(
            ("ImageId", "ami-1"),
            ("SecurityGroupId.1", "sg-1"),
            ("BlockDeviceMapping.1.Ebs.VolumeSize", "20"),
            ("TagSpecification.1.Tag.1.Key", "team"));

        var xml = Render(ParameterXml.ToElements(parameters, QueryDialect.Ec2));

        Assert.Equal(
            "<blockDeviceMappingSet><item><ebs><volumeSize>20</volumeSize></ebs></item></blockDeviceMappingSet>"
            + "<imageId>ami-1</imageId>"
            + "<securityGroupIdSet><item>sg-1</item></securityGroupIdSet>"
            + "<tagSpecificationSet><item><tagSet><item><key>team</key></item></tagSet></item></tagSpecificationSet>",
            xml);
    }

    private static string Render(IEnumerable<XElement> elements) =>
        string.Concat(elements.Select(e => e.ToString(SaveOptions.DisableFormatting)));
}
