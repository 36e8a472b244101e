using System.Text.Json;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against the simulated EC2 operations.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliEc2Tests : SimulatorTest
{
    [Fact]
    public async Task Images_are_described_by_id_owner_name_pattern_and_tag()
    {
        var byId = await Cli.OutputAsync("ec2", "describe-images", "--image-ids", TestRegion.ImageV1);
        var byName = await Cli.OutputAsync("ec2", "describe-images", "--owners", "self", "--filters", "Name=name,Values=app-1.?", "Name=tag:release,Values=1.*");

        var image = Assert.Single(byId.GetProperty("Images").EnumerateArray());
        Assert.Equal(("app-1.0", "available", "123456789012"), (
            image.GetProperty("Name").GetString(), image.GetProperty("State").GetString(), image.GetProperty("OwnerId").GetString()));
        Assert.Equal("1.0", image.GetProperty("Tags").EnumerateArray().Single(t => t.GetProperty("Key").GetString() == "release").GetProperty("Value").GetString());
        Assert.Equal([TestRegion.ImageV1, TestRegion.ImageV2], byName.GetProperty("Images").EnumerateArray().Select(i => i.GetProperty("ImageId").GetString()));
    }

    [Fact]
    public async Task A_missing_image_is_InvalidAMIID_NotFound()
    {
        var error = await Cli.ErrorAsync("ec2", "describe-images", "--image-ids", "ami-0123456789abcdef9");

        Assert.Equal("An error occurred (InvalidAMIID.NotFound) when calling the DescribeImages operation: The image id '[ami-0123456789abcdef9]' does not exist", error);
    }

    [Fact]
    public async Task Launch_templates_and_versions_are_created_and_described()
    {
        var created = await Cli.OutputAsync(
            "ec2", "create-launch-template", "--launch-template-name", "web",
            "--launch-template-data", $$"""{"ImageId":"{{TestRegion.ImageV1}}","InstanceType":"t3.micro","SecurityGroupIds":["sg-0aaaaaaaaaaaaaaa1"]}""");
        var templateId = created.GetProperty("LaunchTemplate").GetProperty("LaunchTemplateId").GetString()!;
        var version = await Cli.OutputAsync(
            "ec2", "create-launch-template-version", "--launch-template-id", templateId, "--source-version", "1",
            "--version-description", "deploy 42", "--launch-template-data", $$"""{"ImageId":"{{TestRegion.ImageV2}}","UserData":"ZWNobyBoaQ=="}""");
        var described = await Cli.OutputAsync("ec2", "describe-launch-template-versions", "--launch-template-id", templateId, "--versions", "$Latest", "$Default");

        Assert.Matches("^lt-0[0-9a-f]{16}$", templateId);
        Assert.Equal((1, 1), (created.GetProperty("LaunchTemplate").GetProperty("DefaultVersionNumber").GetInt32(), created.GetProperty("LaunchTemplate").GetProperty("LatestVersionNumber").GetInt32()));
        var newVersion = version.GetProperty("LaunchTemplateVersion");
        Assert.Equal(2, newVersion.GetProperty("VersionNumber").GetInt32());
        var data = newVersion.GetProperty("LaunchTemplateData");
        Assert.Equal((TestRegion.ImageV2, "t3.micro", "ZWNobyBoaQ=="), (
            data.GetProperty("ImageId").GetString(), data.GetProperty("InstanceType").GetString(), data.GetProperty("UserData").GetString()));
        Assert.Equal("sg-0aaaaaaaaaaaaaaa1", data.GetProperty("SecurityGroupIds")[0].GetString());
        var versions = described.GetProperty("LaunchTemplateVersions").EnumerateArray()
            .Select(v => (v.GetProperty("VersionNumber").GetInt32(), v.GetProperty("DefaultVersion").GetBoolean(), v.GetProperty("LaunchTemplateData").GetProperty("ImageId").GetString()));
        Assert.Equal([(1, true, TestRegion.ImageV1), (2, false, TestRegion.ImageV2)], versions);
    }

    [Fact]
    public async Task A_template_name_in_use_and_a_missing_version_are_refused()
    {
        var nameInUse = await Cli.ErrorAsync(
            "ec2", "create-launch-template", "--launch-template-name", TestRegion.TemplateName, "--launch-template-data", """{"InstanceType":"t3.micro"}""");
        var missingVersion = await Cli.ErrorAsync("ec2", "describe-launch-template-versions", "--launch-template-id", TestRegion.TemplateId, "--versions", "9");

        Assert.Equal(
            "An error occurred (InvalidLaunchTemplateName.AlreadyExistsException) when calling the CreateLaunchTemplate operation: Launch template name already in use.",
            nameInUse);
        Assert.Equal(
            $"An error occurred (InvalidLaunchTemplateId.VersionNotFound) when calling the DescribeLaunchTemplateVersions operation: Could not find the specified version 9 for the launch template with ID {TestRegion.TemplateId}.",
            missingVersion);
    }

    [Fact]
    public async Task Instances_launched_by_a_group_are_described_with_state_and_propagated_tags()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup("web", 0, 2, 2, more: [("Tags.member.1.Key", "env"), ("Tags.member.1.Value", "prod"), ("Tags.member.1.PropagateAtLaunch", "true")]));

        var pending = await Cli.OutputAsync("ec2", "describe-instances", "--filters", "Name=tag:aws:autoscaling:groupName,Values=web");
        Advance(TestRegion.BootSecondsV1);
        var running = await Client.Ec2Async("DescribeInstances", ("Filter.1.Name", "instance-state-name"), ("Filter.1.Value.1", "running"));

        static IEnumerable<JsonElement> Instances(JsonElement output) =>
            output.GetProperty("Reservations").EnumerateArray().SelectMany(r => r.GetProperty("Instances").EnumerateArray());
        Assert.Equal(2, Instances(pending).Count());
        Assert.All(Instances(pending), i => Assert.Equal("pending", i.GetProperty("State").GetProperty("Name").GetString()));
        Assert.All(Instances(pending), i => Assert.Equal(TestRegion.ImageV1, i.GetProperty("ImageId").GetString()));
        var tags = Instances(pending).First().GetProperty("Tags").EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString());
        Assert.Equal("web", tags["aws:autoscaling:groupName"]);
        Assert.Equal("prod", tags["env"]);
        Assert.Equal(TestRegion.TemplateId, tags["aws:ec2launchtemplate:id"]);
        Assert.Equal(2, running.Items("reservationSet").Count);
    }
}
