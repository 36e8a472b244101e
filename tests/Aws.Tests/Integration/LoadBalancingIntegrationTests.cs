using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>Target groups and classic load balancers through our client against the simulator.</summary>
public sealed class LoadBalancingIntegrationTests : IAsyncLifetime
{
    private SimulatorHarness aws = null!;

    private ICloud Cloud => aws.Cloud;

    public async Task InitializeAsync() => aws = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task DescribeTargetGroups_finds_the_groups_asked_for()
    {
        var groups = await Cloud.DescribeTargetGroupsAsync(
            [SimulatorHarness.TargetGroupArn, SimulatorHarness.StageTargetGroupArn], CancellationToken.None);

        Assert.Equal(
            [("checkout-prod", SimulatorHarness.TargetGroupArn), ("checkout-stage", SimulatorHarness.StageTargetGroupArn)],
            groups.Select(g => (g.Name, g.Arn)).OrderBy(g => g.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task DescribeTargetGroups_of_an_unknown_arn_is_target_group_not_found()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() => Cloud.DescribeTargetGroupsAsync(
            ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gone/0000000000000000"], CancellationToken.None));

        Assert.Equal(CloudErrorCodes.TargetGroupNotFound, error.Error.Code);
        Assert.True(error.IsNotFound);
        Assert.Equal(1, aws.Control.RequestCount("DescribeTargetGroups"));
    }

    [Fact]
    public async Task Target_health_and_classic_instance_health_list_the_base_groups_instances()
    {
        var instances = Assert.Single(await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None))
            .Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();

        var targets = await Cloud.DescribeTargetHealthAsync(SimulatorHarness.TargetGroupArn, CancellationToken.None);
        var classic = await Cloud.DescribeInstanceHealthAsync(SimulatorHarness.ClassicLoadBalancer, CancellationToken.None);

        Assert.Equal(instances, targets.Select(t => t.TargetId).Order(StringComparer.Ordinal));
        Assert.All(targets, t => Assert.True(t.IsHealthy, $"{t.TargetId}: {t.State} {t.Reason}"));
        Assert.Equal(instances, classic.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(classic, i => Assert.True(i.IsInService, $"{i.InstanceId}: {i.State}"));
    }

    [Fact]
    public async Task Attached_target_groups_register_the_instances_and_detaching_removes_them()
    {
        await Cloud.AttachTargetGroupsAsync(SimulatorHarness.BaseGroup, [SimulatorHarness.StageTargetGroupArn], CancellationToken.None);
        var attached = Assert.Single(await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None));
        var registered = await Cloud.DescribeTargetHealthAsync(SimulatorHarness.StageTargetGroupArn, CancellationToken.None);

        await Cloud.DetachTargetGroupsAsync(SimulatorHarness.BaseGroup, [SimulatorHarness.TargetGroupArn], CancellationToken.None);
        var detached = Assert.Single(await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None));

        Assert.Equal(
            [SimulatorHarness.TargetGroupArn, SimulatorHarness.StageTargetGroupArn],
            attached.TargetGroupArns.Order(StringComparer.Ordinal));
        Assert.Equal(attached.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal), registered.Select(t => t.TargetId).Order(StringComparer.Ordinal));
        Assert.Equal([SimulatorHarness.StageTargetGroupArn], detached.TargetGroupArns);
    }

    [Fact]
    public async Task Classic_load_balancers_are_attached_and_detached()
    {
        await Cloud.DetachLoadBalancersAsync(SimulatorHarness.BaseGroup, [SimulatorHarness.ClassicLoadBalancer], CancellationToken.None);
        var detached = Assert.Single(await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None));

        await Cloud.AttachLoadBalancersAsync(SimulatorHarness.BaseGroup, [SimulatorHarness.ClassicLoadBalancer], CancellationToken.None);
        var attached = Assert.Single(await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None));

        Assert.Empty(detached.LoadBalancerNames);
        Assert.Equal([SimulatorHarness.ClassicLoadBalancer], attached.LoadBalancerNames);
    }

    [Fact]
    public async Task Instance_health_of_an_unknown_load_balancer_is_load_balancer_not_found()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() => Cloud.DescribeInstanceHealthAsync("gone", CancellationToken.None));

        Assert.Equal(CloudErrorCodes.LoadBalancerNotFound, error.Error.Code);
        Assert.Equal(1, aws.Control.RequestCount("DescribeInstanceHealth"));
    }
}
