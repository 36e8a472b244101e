using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>The retry loop against injected faults: what AWS's bad days look like, surfaced as nothing at all.</summary>
public sealed class FaultToleranceIntegrationTests : IAsyncLifetime
{
    private static readonly string[] Actions =
    [
        "DescribeAutoScalingGroups", "UpdateAutoScalingGroup", "CreateOrUpdateTags", "DescribePolicies", "DescribeScheduledActions",
        "DescribeLifecycleHooks", "DescribeTargetHealth", "DescribeInstanceHealth", "DescribeImages", "DescribeLaunchTemplateVersions",
    ];

    private SimulatorHarness aws = null!;

    public async Task InitializeAsync() => aws = await SimulatorHarness.StartAsync(faultSeed: 20260105);

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task Two_hundred_operations_under_throttling_and_server_errors_all_succeed()
    {
        aws.Control.SetFault("*", new FaultSettings(ThrottleRate: 0.30, ServerErrorRate: 0.05));
        var cloud = aws.Cloud;
        var operations = new Func<int, Task>[]
        {
            async _ => Assert.Single(await cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None)),
            i => cloud.UpdateAsgCapacityAsync(SimulatorHarness.BaseGroup, new CapacityUpdate(1, 2, 4 + (i % 2)), CancellationToken.None),
            i => cloud.TagAsgAsync(SimulatorHarness.BaseGroup, [new AsgTag("iteration", $"{i}")], CancellationToken.None),
            async _ => Assert.Single(await cloud.DescribePoliciesAsync(SimulatorHarness.BaseGroup, CancellationToken.None)),
            async _ => Assert.Single(await cloud.DescribeScheduledActionsAsync(SimulatorHarness.BaseGroup, CancellationToken.None)),
            async _ => Assert.Single(await cloud.DescribeLifecycleHooksAsync(SimulatorHarness.BaseGroup, CancellationToken.None)),
            async _ => Assert.Equal(2, (await cloud.DescribeTargetHealthAsync(SimulatorHarness.TargetGroupArn, CancellationToken.None)).Count),
            async _ => Assert.Equal(2, (await cloud.DescribeInstanceHealthAsync(SimulatorHarness.ClassicLoadBalancer, CancellationToken.None)).Count),
            async _ => Assert.Equal(2, (await cloud.DescribeImagesAsync(new ImageQuery { Tags = ValueMap.Of(("service", "checkout")) }, CancellationToken.None)).Count),
            async _ => Assert.Equal(1, (await cloud.DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, null), "1", CancellationToken.None)).VersionNumber),
        };

        for (var i = 0; i < 200; i++)
            await operations[i % operations.Length](i);

        var requests = Actions.Sum(aws.Control.RequestCount);
        // Each operation is one call when nothing fails; with 35% of calls failing, about half as many again are retries.
        Assert.InRange(requests - 200, 50, 250);
        var lastTagging = Enumerable.Range(0, 200).Last(i => i % operations.Length == 2);
        Assert.Equal($"{lastTagging}", Assert.Single(await cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None)).TagValue("iteration"));
    }

    [Fact]
    public async Task An_action_applied_then_answered_with_500_is_done_although_our_client_saw_the_error()
    {
        await using var once = await SimulatorHarness.StartAsync(o => o with { Retry = o.Retry with { MaxAttempts = 1 } });
        once.Control.SetFault("CreateAutoScalingGroup", new FaultSettings(AppliedServerErrorRate: 1));

        var error = await Assert.ThrowsAsync<CloudException>(() => once.Cloud.CreateAsgAsync(Group("applied"), CancellationToken.None));

        Assert.Equal(("InternalFailure", 500, true), (error.Error.Code, error.Error.HttpStatus, error.Error.Retryable));
        Assert.Equal("applied", Assert.Single(await once.Cloud.DescribeAsgsAsync(["applied"], CancellationToken.None)).Name);
    }

    [Fact]
    public async Task An_action_applied_then_dropped_is_done_although_our_client_got_no_answer()
    {
        await using var once = await SimulatorHarness.StartAsync(o => o with { Retry = o.Retry with { MaxAttempts = 1 } });
        once.Control.SetFault("UpdateAutoScalingGroup", new FaultSettings(AppliedDropRate: 1));

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            once.Cloud.UpdateAsgCapacityAsync(SimulatorHarness.BaseGroup, new CapacityUpdate(1, 3, 4), CancellationToken.None));

        // The connection closes mid-response: our client reports a retryable connection failure, as for a timeout.
        Assert.Equal((CloudErrorCodes.ConnectionFailure, true), (error.Error.Code, error.Error.Retryable));
        Assert.Equal(3, Assert.Single(await once.Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None)).DesiredCapacity);
        Assert.True(Assert.Single(once.Control.Requests("UpdateAutoScalingGroup")).AppliedDespiteFailure);
    }

    [Fact]
    public async Task A_create_retried_after_an_applied_failure_meets_its_own_group()
    {
        aws.Control.SetFault("CreateAutoScalingGroup", new FaultSettings(AppliedServerErrorRate: 1));

        var error = await Assert.ThrowsAsync<CloudException>(() => aws.Cloud.CreateAsgAsync(Group("twice"), CancellationToken.None));

        // The first attempt created the group and failed; the retry found it: why every step must be idempotent.
        Assert.Equal(CloudErrorCodes.AlreadyExists, error.Error.Code);
        Assert.Equal(2, aws.Control.RequestCount("CreateAutoScalingGroup"));
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_attempts_surfaces_as_throttling()
    {
        aws.Control.SetFault("DescribePolicies", new FaultSettings(ThrottleRate: 1));

        var error = await Assert.ThrowsAsync<CloudException>(() => aws.Cloud.DescribePoliciesAsync(SimulatorHarness.BaseGroup, CancellationToken.None));

        Assert.Equal((CloudErrorCodes.Throttling, true), (error.Error.Code, error.Error.Retryable));
        Assert.Equal(10, aws.Control.RequestCount("DescribePolicies"));
    }

    [Fact]
    public async Task Ec2_throttling_that_outlasts_the_attempts_surfaces_as_request_limit_exceeded()
    {
        aws.Control.SetFault("DescribeImages", new FaultSettings(ThrottleRate: 1));

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            aws.Cloud.DescribeImagesAsync(new ImageQuery { ImageIds = [SimulatorHarness.OldImage] }, CancellationToken.None));

        Assert.Equal((CloudErrorCodes.RequestLimitExceeded, 503), (error.Error.Code, error.Error.HttpStatus));
        Assert.Equal(10, aws.Control.RequestCount("DescribeImages"));
    }

    private static CreateAsgRequest Group(string name) => new()
    {
        Name = name,
        LaunchTemplate = new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, "1"),
        MaxSize = 1,
        VpcZoneIdentifier = "subnet-0a",
    };
}
