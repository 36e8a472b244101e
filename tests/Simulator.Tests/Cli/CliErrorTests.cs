using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>Errors as the AWS CLI reports them: "An error occurred (Code) when calling the Op operation: Message".</summary>
[Trait("Category", "AwsCli")]
public sealed class CliErrorTests : SimulatorTest
{
    [Fact]
    public async Task A_second_group_with_the_same_name_is_refused_with_AlreadyExists()
    {
        string[] create =
        [
            "autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", "dup",
            "--launch-template", $"LaunchTemplateName={TestRegion.TemplateName}", "--min-size", "0", "--max-size", "1",
            "--availability-zones", "us-east-1a",
        ];
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            ("AutoScalingGroupName", "dup"), ("LaunchTemplate.LaunchTemplateName", TestRegion.TemplateName),
            ("MinSize", "0"), ("MaxSize", "1"), ("AvailabilityZones.member.1", "us-east-1a"));

        var error = await Cli.ErrorAsync(create);

        Assert.Equal(
            "An error occurred (AlreadyExists) when calling the CreateAutoScalingGroup operation: AutoScalingGroup by this name already exists - A group with the name dup already exists",
            error);
    }

    [Fact]
    public async Task A_desired_capacity_above_max_is_a_ValidationError()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("small", 0, 2, 0));

        var error = await Cli.ErrorAsync("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "small", "--desired-capacity", "3");

        Assert.Equal(
            "An error occurred (ValidationError) when calling the SetDesiredCapacity operation: New SetDesiredCapacity value 3 is above max value 2 for the AutoScalingGroup.",
            error);
    }

    [Fact]
    public async Task Deleting_a_group_that_still_has_instances_without_force_is_ResourceInUse()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("busy", 1, 1, 1));

        var error = await Cli.ErrorAsync("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "busy");

        Assert.Equal(
            "An error occurred (ResourceInUse) when calling the DeleteAutoScalingGroup operation: You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.",
            error);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_SignatureDoesNotMatch()
    {
        using var wrongSecret = new AwsCli(Simulator.Endpoint, SimulatedAccount.Default.AccessKeyId, "not-the-secret");

        var error = await wrongSecret.ErrorAsync("autoscaling", "describe-auto-scaling-groups");

        Assert.Equal(
            "An error occurred (SignatureDoesNotMatch) when calling the DescribeAutoScalingGroups operation: "
            + "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            error);
    }

    [Fact]
    public async Task Full_throttling_fails_the_call_with_Rate_exceeded()
    {
        Simulator.Control.SetFault("DescribeAutoScalingGroups", new FaultSettings(ThrottleRate: 1));

        var error = await Cli.ErrorAsync("autoscaling", "describe-auto-scaling-groups");

        Assert.StartsWith("An error occurred (Throttling) when calling the DescribeAutoScalingGroups operation", error, StringComparison.Ordinal);
        Assert.EndsWith(": Rate exceeded", error, StringComparison.Ordinal);
        Assert.Equal(1, Simulator.Control.RequestCount("DescribeAutoScalingGroups"));
    }

    [Fact]
    public async Task Full_throttling_of_EC2_fails_the_call_with_RequestLimitExceeded()
    {
        Simulator.Control.SetFault("*", new FaultSettings(ThrottleRate: 1));

        var error = await Cli.ErrorAsync("ec2", "describe-images", "--image-ids", TestRegion.ImageV1);

        Assert.StartsWith("An error occurred (RequestLimitExceeded) when calling the DescribeImages operation", error, StringComparison.Ordinal);
        Assert.EndsWith(": Request limit exceeded.", error, StringComparison.Ordinal);
    }
}
