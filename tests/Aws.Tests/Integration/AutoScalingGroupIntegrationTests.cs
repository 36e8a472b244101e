using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>Group operations of our client against the simulator, over real HTTP.</summary>
public sealed class AutoScalingGroupIntegrationTests : IAsyncLifetime
{
    private SimulatorHarness aws = null!;

    private ICloud Cloud => aws.Cloud;

    public async Task InitializeAsync() => aws = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task DescribeAsgs_reads_a_fixture_group_and_leaves_out_unknown_names()
    {
        var groups = await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup, "no-such-group"], CancellationToken.None);

        var group = Assert.Single(groups);
        Assert.Equal(SimulatorHarness.BaseGroup, group.Name);
        Assert.Equal(new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, "checkout", "1"), group.LaunchTemplate);
        Assert.Equal((1, 2, 4), (group.MinSize, group.DesiredCapacity, group.MaxSize));
        Assert.Equal("subnet-0a,subnet-0b", group.VpcZoneIdentifier);
        Assert.Equal(("ELB", 60), (group.HealthCheckType, group.HealthCheckGracePeriod));
        Assert.Equal([SimulatorHarness.TargetGroupArn], group.TargetGroupArns);
        Assert.Equal([SimulatorHarness.ClassicLoadBalancer], group.LoadBalancerNames);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), group.CreatedTime);
        Assert.Equal("payments", group.TagValue("team"));
        Assert.Equal(2, group.Instances.Count);
        Assert.All(group.Instances, i => Assert.True(i.IsInServiceAndHealthy, $"{i.InstanceId} is {i.LifecycleState}/{i.HealthStatus}"));
    }

    [Fact]
    public async Task DescribeAsgs_with_more_than_fifty_names_is_split_into_calls_of_fifty()
    {
        var names = Enumerable.Range(1, 119).Select(i => $"missing-{i}").Append(SimulatorHarness.BaseGroup).ToList();

        var groups = await Cloud.DescribeAsgsAsync(names, CancellationToken.None);

        Assert.Equal(SimulatorHarness.BaseGroup, Assert.Single(groups).Name);
        Assert.Equal(3, aws.Control.RequestCount("DescribeAutoScalingGroups"));
    }

    [Fact]
    public async Task DescribeAsgs_pages_through_more_groups_than_fit_in_one_answer()
    {
        var names = Enumerable.Range(1, 45).Select(i => $"page-{i:D2}").ToList();
        foreach (var name in names)
            await Cloud.CreateAsgAsync(NewGroup(name), CancellationToken.None);
        var tagged = names.Take(30).ToList();
        foreach (var name in tagged)
            await Cloud.TagAsgAsync(name, [new AsgTag("wave", "one")], CancellationToken.None);

        var described = await Cloud.DescribeAsgsAsync(names, CancellationToken.None);
        var found = await Cloud.FindAsgsByTagAsync("wave", "one", CancellationToken.None);

        Assert.Equal(names, described.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Equal(tagged, found.Select(g => g.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindAsgsByTag_matches_key_and_value_or_the_key_alone()
    {
        await Cloud.CreateAsgAsync(NewGroup("other") with { Tags = [new AsgTag("team", "search")] }, CancellationToken.None);

        var payments = await Cloud.FindAsgsByTagAsync("team", "payments", CancellationToken.None);
        var anyTeam = await Cloud.FindAsgsByTagAsync("team", null, CancellationToken.None);
        var none = await Cloud.FindAsgsByTagAsync("team", "nobody", CancellationToken.None);

        Assert.Equal([SimulatorHarness.BaseGroup], payments.Select(g => g.Name));
        Assert.Equal([SimulatorHarness.BaseGroup, "other"], anyTeam.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Empty(none);
    }

    [Fact]
    public async Task CreateAsg_creates_the_group_as_requested()
    {
        var request = NewGroup("checkout__prod__2") with
        {
            MinSize = 0,
            MaxSize = 3,
            DesiredCapacity = 1,
            DefaultCooldown = 120,
            HealthCheckType = "ELB",
            HealthCheckGracePeriod = 30,
            TargetGroupArns = [SimulatorHarness.TargetGroupArn],
            TerminationPolicies = ["OldestInstance"],
            MaxInstanceLifetime = 86400,
            LifecycleHooks = [new LifecycleHook { Name = "warm", Transition = "autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout = 120 }],
            Tags = [new AsgTag("Name", "checkout__prod__2"), new AsgTag("ami-orchestrator:revision", "2", PropagateAtLaunch: false)],
        };

        await Cloud.CreateAsgAsync(request, CancellationToken.None);

        var group = Assert.Single(await Cloud.DescribeAsgsAsync(["checkout__prod__2"], CancellationToken.None));
        Assert.Equal(new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, "checkout", "1"), group.LaunchTemplate);
        Assert.Equal((0, 1, 3), (group.MinSize, group.DesiredCapacity, group.MaxSize));
        Assert.Equal((120, "ELB", 30), (group.DefaultCooldown, group.HealthCheckType, group.HealthCheckGracePeriod));
        Assert.Equal([SimulatorHarness.TargetGroupArn], group.TargetGroupArns);
        Assert.Equal(["OldestInstance"], group.TerminationPolicies);
        Assert.Equal(86400, group.MaxInstanceLifetime);
        Assert.Equal(
            [new AsgTag("Name", "checkout__prod__2", true), new AsgTag("ami-orchestrator:revision", "2", false)],
            group.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
        var hook = Assert.Single(await Cloud.DescribeLifecycleHooksAsync("checkout__prod__2", CancellationToken.None));
        Assert.Equal(("warm", "autoscaling:EC2_INSTANCE_LAUNCHING", 120), (hook.Name, hook.Transition, hook.HeartbeatTimeout));
    }

    [Fact]
    public async Task A_mixed_instances_policy_with_attribute_based_overrides_is_created_and_described_back_unchanged()
    {
        var policy = new MixedInstancesPolicy
        {
            LaunchTemplate = new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, "1"),
            Overrides =
            [
                LaunchTemplateOverride.ForInstanceType("t3.micro", "1"),
                new LaunchTemplateOverride(ValueMap.Of(
                    ("InstanceRequirements.VCpuCount.Min", "2"),
                    ("InstanceRequirements.MemoryMiB.Min", "4096"),
                    ("InstanceRequirements.CpuManufacturers.member.1", "amd"))),
            ],
            OnDemandBaseCapacity = 1,
            OnDemandPercentageAboveBaseCapacity = 25,
        };

        await Cloud.CreateAsgAsync(NewGroup("mixed__1") with { LaunchTemplate = null, MixedInstancesPolicy = policy }, CancellationToken.None);

        var described = Assert.Single(await Cloud.DescribeAsgsAsync(["mixed__1"], CancellationToken.None)).MixedInstancesPolicy;
        Assert.NotNull(described);
        Assert.Equal(policy.Overrides, described.Overrides);
    }

    [Fact]
    public async Task Creating_a_group_that_exists_surfaces_already_exists_after_one_attempt()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() => Cloud.CreateAsgAsync(NewGroup(SimulatorHarness.BaseGroup), CancellationToken.None));

        Assert.Equal(CloudErrorCodes.AlreadyExists, error.Error.Code);
        Assert.Contains(SimulatorHarness.BaseGroup, error.Error.Message, StringComparison.Ordinal);
        Assert.Equal(400, error.Error.HttpStatus);
        Assert.NotNull(error.Error.RequestId);
        Assert.False(error.Error.Retryable);
        Assert.Equal(1, aws.Control.RequestCount("CreateAutoScalingGroup"));
    }

    [Fact]
    public async Task Updating_a_group_that_does_not_exist_surfaces_a_validation_error_after_one_attempt()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() =>
            Cloud.UpdateAsgCapacityAsync("no-such-group", new CapacityUpdate(0, 0, 0), CancellationToken.None));

        Assert.Equal(CloudErrorCodes.ValidationError, error.Error.Code);
        Assert.True(error.IsNotFound, error.Error.Message);
        Assert.Equal(1, aws.Control.RequestCount("UpdateAutoScalingGroup"));
    }

    [Fact]
    public async Task UpdateAsgCapacity_sets_absolute_sizes_and_launches_instances()
    {
        await Cloud.CreateAsgAsync(NewGroup("grow"), CancellationToken.None);

        await Cloud.UpdateAsgCapacityAsync("grow", new CapacityUpdate(1, 3, 5), CancellationToken.None);

        var group = Assert.Single(await Cloud.DescribeAsgsAsync(["grow"], CancellationToken.None));
        Assert.Equal((1, 3, 5), (group.MinSize, group.DesiredCapacity, group.MaxSize));
        Assert.Equal(3, group.Instances.Count);
        var activities = await Cloud.DescribeScalingActivitiesAsync("grow", 10, CancellationToken.None);
        Assert.Equal(3, activities.Count(a => a.Description.StartsWith("Launching a new EC2 instance", StringComparison.Ordinal)));
        Assert.Equal(2, (await Cloud.DescribeScalingActivitiesAsync("grow", 2, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Tags_are_added_overwritten_and_removed()
    {
        await Cloud.TagAsgAsync(SimulatorHarness.BaseGroup, [new AsgTag("team", "checkout"), new AsgTag("env", "prod", false)], CancellationToken.None);
        await Cloud.UntagAsgAsync(SimulatorHarness.BaseGroup, ["ami-orchestrator:lineage"], CancellationToken.None);

        var group = Assert.Single(await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None));
        Assert.Equal(
            [new AsgTag("env", "prod", false), new AsgTag("team", "checkout", true)],
            group.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteAsg_with_force_removes_a_group_that_has_instances()
    {
        await Cloud.DeleteAsgAsync(SimulatorHarness.BaseGroup, forceDelete: true, CancellationToken.None);

        var remaining = await Cloud.DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None);
        Assert.True(remaining.Count == 0 || remaining[0].Status == "Delete in progress");
    }

    [Fact]
    public async Task DeleteAsg_without_force_refuses_a_group_with_instances()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() =>
            Cloud.DeleteAsgAsync(SimulatorHarness.BaseGroup, forceDelete: false, CancellationToken.None));

        Assert.Contains(error.Error.Code, new[] { CloudErrorCodes.ResourceInUse, CloudErrorCodes.ScalingActivityInProgress });
    }

    private static CreateAsgRequest NewGroup(string name) => new()
    {
        Name = name,
        LaunchTemplate = new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, "1"),
        MinSize = 0,
        MaxSize = 2,
        DesiredCapacity = 0,
        VpcZoneIdentifier = "subnet-0a,subnet-0b",
    };
}
