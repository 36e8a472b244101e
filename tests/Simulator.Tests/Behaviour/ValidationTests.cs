using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Requests AWS would refuse are refused with AWS's code, status and message.</summary>
public sealed class ValidationTests : SimulatorTest
{
    public static TheoryData<string, (string, string)[], string> RefusedCreates => new()
    {
        { "desired below min", TestRegion.CreateGroup("g", 2, 4, 1), "Desired capacity:1 must be between the specified min size:2 and max size:4" },
        { "desired above max", TestRegion.CreateGroup("g", 0, 2, 3), "Desired capacity:3 must be between the specified min size:0 and max size:2" },
        { "min above max", TestRegion.CreateGroup("g", 3, 2, 2), "Max bound, 2, must be greater than or equal to min bound, 3" },
        { "name too long", TestRegion.CreateGroup(new string('n', 256), 0, 1, 0), $"1 validation error detected: Value '{new string('n', 256)}' at 'autoScalingGroupName' failed to satisfy constraint: Member must have length less than or equal to 255" },
        { "name with a colon", TestRegion.CreateGroup("a:b", 0, 1, 0), "The Auto Scaling group name a:b is not valid: it must not contain a colon (:)." },
        { "lifetime under a day", TestRegion.CreateGroup("g", 0, 1, 0, more: ("MaxInstanceLifetime", "3600")), "Maximum instance lifetime must be equal to 0, between 86400 and 31536000 seconds (inclusive)." },
        { "two launch sources", TestRegion.CreateGroup("g", 0, 1, 0, more: ("LaunchConfigurationName", TestRegion.LaunchConfiguration)), "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter." },
        { "no launch source", [("AutoScalingGroupName", "g"), ("MinSize", "0"), ("MaxSize", "1"), ("AvailabilityZones.member.1", "us-east-1a")], "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter." },
        { "no zone or subnet", [("AutoScalingGroupName", "g"), ("LaunchTemplate.LaunchTemplateId", TestRegion.TemplateId), ("MinSize", "0"), ("MaxSize", "1")], "At least one Availability Zone or VPC Subnet is required." },
        { "missing MinSize", [("AutoScalingGroupName", "g"), ("LaunchTemplate.LaunchTemplateId", TestRegion.TemplateId), ("MaxSize", "1"), ("AvailabilityZones.member.1", "us-east-1a")], "1 validation error detected: Value null at 'minSize' failed to satisfy constraint: Member must not be null" },
        { "unknown template", [("AutoScalingGroupName", "g"), ("LaunchTemplate.LaunchTemplateId", "lt-0fffffffffffffff0"), ("MinSize", "0"), ("MaxSize", "1"), ("AvailabilityZones.member.1", "us-east-1a")], "You must use a valid fully-formed launch template. The specified launch template, with template ID lt-0fffffffffffffff0, does not exist." },
        { "unknown launch configuration", [("AutoScalingGroupName", "g"), ("LaunchConfigurationName", "nope"), ("MinSize", "0"), ("MaxSize", "1"), ("AvailabilityZones.member.1", "us-east-1a")], "Launch configuration name not found - Launch configuration nope not found" },
    };

    [Theory]
    [MemberData(nameof(RefusedCreates))]
    public async Task CreateAutoScalingGroup_refuses_with_a_ValidationError(string because, (string, string)[] parameters, string message)
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("CreateAutoScalingGroup", parameters));

        Assert.True(("ValidationError", 400, message) == (error.Code, error.Status, error.AwsMessage), $"{because}: got {error.Code} {error.Status} {error.AwsMessage}");
        Assert.Empty((await Client.AutoScalingAsync("DescribeAutoScalingGroups")).Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
    }

    [Fact]
    public async Task SetDesiredCapacity_below_min_is_refused()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("g", 1, 3, 1));

        var error = await Assert.ThrowsAsync<QueryException>(() =>
            Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "g"), ("DesiredCapacity", "0")));

        Assert.Equal("New SetDesiredCapacity value 0 is below min value 1 for the AutoScalingGroup.", error.AwsMessage);
    }

    [Fact]
    public async Task Describing_more_than_fifty_names_is_refused()
    {
        var names = Enumerable.Range(1, 51).Select(i => ($"AutoScalingGroupNames.member.{i}", $"g{i}")).ToArray();

        var error = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribeAutoScalingGroups", names));

        Assert.Equal(("ValidationError", "The number of group names that may be passed in is limited to 50"), (error.Code, error.AwsMessage));
    }

    [Theory]
    [InlineData("0", "Member must have value greater than or equal to 1")]
    [InlineData("101", "Member must have value less than or equal to 100")]
    public async Task MaxRecords_outside_one_to_a_hundred_is_refused(string maxRecords, string constraint)
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribeAutoScalingGroups", ("MaxRecords", maxRecords)));

        Assert.Equal(
            ("ValidationError", $"1 validation error detected: Value '{maxRecords}' at 'maxRecords' failed to satisfy constraint: {constraint}"),
            (error.Code, error.AwsMessage));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("RGVzY3JpYmVQb2xpY2llcwpn")]
    public async Task A_next_token_that_was_not_issued_for_this_call_is_InvalidNextToken(string token)
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.AutoScalingAsync("DescribeAutoScalingGroups", ("NextToken", token)));

        Assert.Equal(("InvalidNextToken", 400, "The NextToken value is not valid."), (error.Code, error.Status, error.AwsMessage));
    }

    [Fact]
    public async Task Pages_are_stable_when_groups_are_added_between_calls()
    {
        foreach (var name in new[] { "a", "c", "e" })
            await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup(name, 0, 1, 0));

        var first = await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("MaxRecords", "2"));
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("b", 0, 1, 0));
        var second = await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("MaxRecords", "2"), ("NextToken", first.Find("NextToken")!));

        Assert.Equal(["a", "c"], first.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups").Select(g => g.Text("AutoScalingGroupName")));
        Assert.Equal(["e"], second.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups").Select(g => g.Text("AutoScalingGroupName")));
        Assert.Null(second.Find("NextToken"));
    }

    [Theory]
    [InlineData("UpdateAutoScalingGroup", "AutoScalingGroup name not found - null")]
    [InlineData("DeleteAutoScalingGroup", "AutoScalingGroup name not found - AutoScalingGroup 'missing' not found")]
    [InlineData("SetDesiredCapacity", "AutoScalingGroup name not found - AutoScalingGroup 'missing' not found")]
    public async Task Operations_on_a_missing_group_say_it_was_not_found(string action, string message)
    {
        var error = await Assert.ThrowsAsync<QueryException>(() =>
            Client.AutoScalingAsync(action, ("AutoScalingGroupName", "missing"), ("DesiredCapacity", "1")));

        Assert.Equal(("ValidationError", message), (error.Code, error.AwsMessage));
    }

    [Fact]
    public async Task An_unknown_target_group_cannot_be_attached()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("g", 0, 1, 0));
        const string Missing = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/none/0000000000000000";

        var error = await Assert.ThrowsAsync<QueryException>(() =>
            Client.AutoScalingAsync("AttachLoadBalancerTargetGroups", ("AutoScalingGroupName", "g"), ("TargetGroupARNs.member.1", Missing)));

        Assert.Equal("ValidationError", error.Code);
        Assert.StartsWith("Provided Target Groups may not be valid.", error.AwsMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("autoscaling", "2011-01-01", "Could not find operation LaunchRockets for version 2011-01-01")]
    [InlineData("ec2", "2016-11-15", "The action LaunchRockets is not valid for this web service.")]
    public async Task An_unknown_action_is_InvalidAction(string service, string version, string message)
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.CallAsync(service, version, "LaunchRockets"));

        Assert.Equal(("InvalidAction", 400, message), (error.Code, error.Status, error.AwsMessage));
    }

    [Fact]
    public async Task An_unknown_API_version_is_NoSuchVersion()
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.CallAsync("autoscaling", "2099-01-01", "DescribeAutoScalingGroups"));

        Assert.Equal(("NoSuchVersion", 400), (error.Code, error.Status));
    }

    [Fact]
    public async Task A_template_version_from_a_missing_source_version_is_VersionNotFound()
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.Ec2Async(
            "CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("SourceVersion", "5"), ("LaunchTemplateData.ImageId", TestRegion.ImageV2)));

        Assert.Equal(
            ("InvalidLaunchTemplateId.VersionNotFound", $"Could not find the specified version 5 for the launch template with ID {TestRegion.TemplateId}."),
            (error.Code, error.AwsMessage));
    }
}
