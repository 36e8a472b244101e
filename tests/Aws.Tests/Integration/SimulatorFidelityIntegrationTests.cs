using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>
/// What the engine will meet in a real account, seen through our client: instances held by lifecycle hooks, health
/// replacement, schedules and policies that change capacity, weights, protection, eventual consistency, user data
/// refused, and the inspection log of the calls made.
/// </summary>
public sealed class SimulatorFidelityIntegrationTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private SimulatorHarness aws = null!;

    private ICloud Cloud => aws.Cloud;

    public async Task InitializeAsync() => aws = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task A_group_whose_launch_hook_is_completed_by_a_handler_reaches_steady_state_only_then()
    {
        aws.Control.LoadFixtures(SimulatorFixtures.FromJson(
            """{ "regions": [ { "lifecycleHookHandlers": [ { "hookName": "bootstrap", "afterSeconds": 90 } ] } ] }"""));
        await Cloud.CreateAsgAsync(NewGroup("hooked") with { DesiredCapacity = 2, LifecycleHooks = [LaunchHook("bootstrap", "ABANDON")] }, None);

        aws.Clock.Advance(TimeSpan.FromSeconds(89));
        var waiting = Assert.Single(await Cloud.DescribeAsgsAsync(["hooked"], None)).Instances;
        aws.Clock.Advance(TimeSpan.FromSeconds(1));
        var steady = Assert.Single(await Cloud.DescribeAsgsAsync(["hooked"], None)).Instances;

        Assert.Equal(["Pending:Wait", "Pending:Wait"], waiting.Select(i => i.LifecycleState));
        Assert.DoesNotContain(waiting, i => i.IsInServiceAndHealthy);
        Assert.All(steady, i => Assert.True(i.IsInServiceAndHealthy, $"{i.InstanceId} is {i.LifecycleState}"));
    }

    [Fact]
    public async Task An_ABANDON_result_shows_as_a_cancelled_launch_and_a_replacement_activity()
    {
        aws.Control.LoadFixtures(SimulatorFixtures.FromJson(
            """{ "regions": [ { "lifecycleHookHandlers": [ { "hookName": "bootstrap", "afterSeconds": 30, "result": "ABANDON" } ] } ] }"""));
        await Cloud.CreateAsgAsync(NewGroup("abandoned") with { DesiredCapacity = 1, LifecycleHooks = [LaunchHook("bootstrap", "CONTINUE")] }, None);

        aws.Clock.Advance(TimeSpan.FromSeconds(30));
        var activities = await Cloud.DescribeScalingActivitiesAsync("abandoned", 10, None);

        Assert.Equal(["MidLifecycleAction", "Cancelled"], activities.Select(a => a.StatusCode));
        Assert.EndsWith("was abandoned: Lifecycle Action Completed with ABANDON Result", activities[1].StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_ELB_health_checks_an_instance_failing_its_target_group_is_replaced()
    {
        await Cloud.CreateLaunchTemplateVersionAsync(
            new CreateLaunchTemplateVersionRequest(SimulatorHarness.LaunchTemplateId, "1", BrokenImage, null, "broken-token", null), None);
        aws.Control.LoadFixtures(SimulatorFixtures.FromJson(
            $$"""{ "regions": [ { "images": [ { "imageId": "{{BrokenImage}}", "bootSeconds": 20, "neverHealthy": true } ] } ] }"""));
        await Cloud.CreateAsgAsync(
            NewGroup("failing") with
            {
                LaunchTemplate = new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, "2"),
                DesiredCapacity = 1,
                HealthCheckType = "ELB",
                HealthCheckGracePeriod = 30,
                TargetGroupArns = [SimulatorHarness.StageTargetGroupArn],
            },
            None);

        aws.Clock.Advance(TimeSpan.FromSeconds(50));
        var group = Assert.Single(await Cloud.DescribeAsgsAsync(["failing"], None));
        var activities = await Cloud.DescribeScalingActivitiesAsync("failing", 10, None);

        Assert.Equal([("Pending", "Healthy"), ("Terminating", "Unhealthy")], group.Instances.Select(i => (i.LifecycleState, i.HealthStatus)).Order());
        Assert.Equal(3, activities.Count);
    }

    [Fact]
    public async Task A_scheduled_action_put_by_our_client_changes_the_capacity_at_its_time_and_a_past_start_is_refused()
    {
        await Cloud.CreateAsgAsync(NewGroup("scheduled"), None);
        var start = SimulatorHarness.Start.AddHours(1);

        await Cloud.PutScheduledActionAsync("scheduled", new ScheduledAction { Name = "up", StartTime = start, DesiredCapacity = 2 }, None);
        var past = await Assert.ThrowsAsync<CloudException>(() =>
            Cloud.PutScheduledActionAsync("scheduled", new ScheduledAction { Name = "late", StartTime = start.AddHours(-2), DesiredCapacity = 1 }, None));
        var described = Assert.Single(await Cloud.DescribeScheduledActionsAsync("scheduled", None));
        aws.Clock.Advance(TimeSpan.FromHours(1));
        var group = Assert.Single(await Cloud.DescribeAsgsAsync(["scheduled"], None));

        Assert.Equal(start, described.StartTime);
        Assert.Equal(("ValidationError", "Given start time is in the past"), (past.Error.Code, past.Error.Message));
        Assert.Equal((2, 2), (group.DesiredCapacity, group.Instances.Count));
        Assert.Empty(await Cloud.DescribeScheduledActionsAsync("scheduled", None));
    }

    [Fact]
    public async Task A_target_tracking_policy_put_by_our_client_follows_the_simulated_metric()
    {
        await Cloud.CreateAsgAsync(NewGroup("tracked") with { MinSize = 1, MaxSize = 6, DesiredCapacity = 2 }, None);
        var policy = new ScalingPolicy("cpu40", "TargetTrackingScaling", ValueMap.Of(
            ("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", "ASGAverageCPUUtilization"),
            ("TargetTrackingConfiguration.TargetValue", "40")));

        var arn = await Cloud.PutScalingPolicyAsync("tracked", policy, None);
        aws.Control.SetMetric("tracked", 70);
        aws.Clock.Advance(TimeSpan.FromMinutes(3));
        var group = Assert.Single(await Cloud.DescribeAsgsAsync(["tracked"], None));
        var described = Assert.Single(await Cloud.DescribePoliciesAsync("tracked", None));
        var alarms = await Cloud.DescribeAlarmsAsync(described.AlarmNames, None);

        Assert.Equal(arn, described.PolicyArn);
        Assert.Equal(4, group.DesiredCapacity);
        Assert.Equal(2, alarms.Count);
        Assert.All(alarms, a => Assert.Equal(arn, a.Parameters["AlarmActions.member.1"]));
    }

    [Fact]
    public async Task Weighted_overrides_fill_desired_capacity_in_units()
    {
        var policy = new MixedInstancesPolicy
        {
            LaunchTemplate = new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, "1"),
            Overrides = [LaunchTemplateOverride.ForInstanceType("m5.2xlarge", "4"), LaunchTemplateOverride.ForInstanceType("m5.xlarge", "2")],
        };

        await Cloud.CreateAsgAsync(NewGroup("weighted") with { LaunchTemplate = null, MixedInstancesPolicy = policy, MaxSize = 12, DesiredCapacity = 8 }, None);
        var group = Assert.Single(await Cloud.DescribeAsgsAsync(["weighted"], None));

        Assert.Equal(8, group.DesiredCapacity);
        Assert.Equal(2, group.Instances.Count);
    }

    [Fact]
    public async Task A_protected_instance_set_by_our_client_survives_scale_in()
    {
        var before = Assert.Single(await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], None)).Instances;

        await Cloud.SetInstanceProtectionAsync(SimulatorHarness.BaseGroup, [before[1].InstanceId], true, None);
        await Cloud.UpdateAsgCapacityAsync(SimulatorHarness.BaseGroup, new CapacityUpdate(1, 1, null), None);
        var after = Assert.Single(await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], None)).Instances;

        var kept = after.Single(i => i.InstanceId == before[1].InstanceId);
        Assert.Equal(("InService", true), (kept.LifecycleState, kept.ProtectedFromScaleIn));
        // The base group's terminate hook holds the other one.
        Assert.Equal("Terminating:Wait", after.Single(i => i.InstanceId == before[0].InstanceId).LifecycleState);
    }

    [Fact]
    public async Task With_eventual_consistency_a_group_just_created_is_not_yet_described()
    {
        aws.Control.EventualConsistencyLag = TimeSpan.FromSeconds(2);

        await Cloud.CreateAsgAsync(NewGroup("lagging"), None);
        var soon = await Cloud.DescribeAsgsAsync(["lagging"], None);
        aws.Clock.Advance(TimeSpan.FromSeconds(2));
        var later = await Cloud.DescribeAsgsAsync(["lagging"], None);

        Assert.Empty(soon);
        Assert.Equal("lagging", Assert.Single(later).Name);
    }

    [Fact]
    public async Task User_data_that_is_not_base64_is_refused_with_EC2_s_code()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() => Cloud.CreateLaunchTemplateVersionAsync(
            new CreateLaunchTemplateVersionRequest(SimulatorHarness.LaunchTemplateId, "1", SimulatorHarness.NewImage, "echo not base64", "token-1", null), None));

        Assert.Equal(("InvalidUserData.Malformed", 400), (error.Error.Code, error.Error.HttpStatus));
    }

    [Fact]
    public async Task With_the_signature_time_check_on_our_client_is_accepted_when_it_signs_with_the_simulated_clock()
    {
        await using var shared = await SimulatorHarness.StartAsync(clientOnSimulatorClock: true);
        shared.Control.SignatureTimeCheck = true;
        aws.Control.SignatureTimeCheck = true;

        // This harness's client signs with the real time, months away from the simulated 2026-01-05.
        var refused = await Assert.ThrowsAsync<CloudException>(() => Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], None));
        var accepted = await shared.Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], None);

        Assert.Equal(("SignatureDoesNotMatch", 403, false), (refused.Error.Code, refused.Error.HttpStatus, refused.Error.Retryable));
        Assert.Single(accepted);
    }

    [Fact]
    public async Task The_inspection_log_shows_which_calls_our_client_made_and_in_what_order()
    {
        var mark = aws.Control.LastRequestSequence;

        await Cloud.DescribeAsgsAsync([.. Enumerable.Range(0, 60).Select(i => $"group-{i}")], None);
        await Cloud.TagAsgAsync(SimulatorHarness.BaseGroup, [new AsgTag("wave", "1")], None);
        var calls = aws.Control.Requests(since: mark);

        Assert.Equal(["DescribeAutoScalingGroups", "DescribeAutoScalingGroups", "CreateOrUpdateTags"], calls.Select(c => c.Action));
        Assert.Equal(50, calls[0].Parameters.Keys.Count(k => k.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal)));
        Assert.All(calls, c => Assert.Equal(("123456789012", "us-east-1", "OK"), (c.AccountId!, c.Region!, c.ResultCode)));
    }

    private const string BrokenImage = "ami-0bad0bad0bad0bad0";

    private static LifecycleHook LaunchHook(string name, string defaultResult) =>
        new() { Name = name, Transition = "autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout = 600, DefaultResult = defaultResult };

    private static CreateAsgRequest NewGroup(string name) => new()
    {
        Name = name,
        LaunchTemplate = new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, "1"),
        MinSize = 0,
        MaxSize = 4,
        DesiredCapacity = 0,
        VpcZoneIdentifier = "subnet-0a,subnet-0b",
    };
}
