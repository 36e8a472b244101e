using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.Ec2;

namespace AmiOrchestrator.Simulator.Tests.Protocol;

public sealed class LaunchTemplateInheritanceTests
{
    [Fact]
    public void Supplied_fields_replace_the_source_fields_whole_and_the_rest_is_inherited()
    {
        var source = ValueMap.Of(
            ("ImageId", "ami-old"),
            ("InstanceType", "t3.micro"),
            ("SecurityGroupId.1", "sg-1"),
            ("SecurityGroupId.2", "sg-2"));
        var supplied = ValueMap.Of(("ImageId", "ami-new"), ("SecurityGroupId.1", "sg-9"));

        var data = LaunchTemplateVersionRecord.Inherit(source, supplied);

        Assert.Equal(
            ValueMap.Of(("ImageId", "ami-new"), ("InstanceType", "t3.micro"), ("SecurityGroupId.1", "sg-9")),
            data);
    }
}
