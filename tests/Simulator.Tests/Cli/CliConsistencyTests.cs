using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against time and consistency: eventual consistency, cooldowns, signature time, health checks.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliConsistencyTests : SimulatorTest
{
    [Fact]
    public async Task A_group_created_under_eventual_consistency_is_described_only_after_the_lag()
    {
        Simulator.Control.EventualConsistencyLag = TimeSpan.FromSeconds(10);
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 1));

        var hidden = await Cli.OutputAsync("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", "web");
        Advance(10);

        Assert.Empty(hidden.GetProperty("AutoScalingGroups").EnumerateArray());
        Assert.Equal("1", (await GroupAsync("web")).Text("DesiredCapacity"));
    }

    [Fact]
    public async Task Honoring_the_cooldown_while_instances_launch_is_refused()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 2, 1));

        var error = await Cli.ErrorAsync("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "web", "--desired-capacity", "2", "--honor-cooldown");

        Assert.Matches(
            "^An error occurred \\(ScalingActivityInProgress\\) when calling the SetDesiredCapacity operation: Scaling activity [0-9a-f-]{36} is in progress and blocks this action$",
            error);
    }

    [Fact]
    public async Task With_the_signature_time_check_on_the_CLI_signing_with_the_real_time_is_refused_by_a_clock_ten_minutes_ahead()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow().AddMinutes(10));
        await using var ahead = await SimulatedAws.StartAsync(new SimulatorOptions { Clock = clock, RateLimiting = false, SignatureTimeCheck = true });
        using var cli = new AwsCli(ahead.Endpoint, SimulatedAccount.Default);

        var error = await cli.ErrorAsync("autoscaling", "describe-auto-scaling-groups");

        Assert.StartsWith("An error occurred (SignatureDoesNotMatch) when calling the DescribeAutoScalingGroups operation: Signature expired: ", error, StringComparison.Ordinal);
        Assert.EndsWith(" - 5 min.)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_replaced_after_failing_ELB_health_checks_reads_so_in_the_CLI()
    {
        await Client.Ec2Async(
            "CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("SourceVersion", "1"), ("LaunchTemplateData.ImageId", TestRegion.BrokenImage));
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup("broken", 0, 1, 1, version: "2", ("TargetGroupARNs.member.1", TestRegion.TargetGroupArn), ("HealthCheckType", "ELB")));
        Advance(TestRegion.BootSecondsV2 + TestRegion.HealthySeconds);

        var activities = (await Cli.OutputAsync("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name", "broken"))
            .GetProperty("Activities").EnumerateArray().ToList();

        Assert.Equal(3, activities.Count);
        Assert.StartsWith("Launching a new EC2 instance", activities[0].GetProperty("Description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(
            "an instance was taken out of service in response to an ELB system health check failure.",
            activities[1].GetProperty("Cause").GetString(),
            StringComparison.Ordinal);
    }
}
