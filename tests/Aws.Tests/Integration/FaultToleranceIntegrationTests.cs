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
}
