using AmiOrchestrator.TestSupport.Cloud;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Steps.Tests.Execution;

/// <summary>
/// Each kind of change step against the simulated region over HTTP: its effect, read back from the region, and the
/// same step run again leaving the region exactly as it was (the property crash recovery rests on). The region runs
/// on a fake clock that no test moves, so nothing boots or drains while a test looks.
/// </summary>
public sealed class StepTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private SimulatedRegion region = null!;

    public async Task InitializeAsync() => region = await SimulatedRegion.StartAsync(new FakeTimeProvider(Start));

    public async Task DisposeAsync() => await region.DisposeAsync();

    private async Task<(DeploymentInput.StepOutcome First, DeploymentInput.StepOutcome Second, string State)> RunTwiceAsync(StepAction action, string deploymentId = "dep-1")
    {
        var first = await region.RunAsync(action, deploymentId);
        var state = await RegionSnapshot.TakeAsync(region.Cloud);
        var second = await region.RunAsync(action, deploymentId);
        Assert.Null(first.Failure);
        Assert.Null(second.Failure);
        Assert.Equal(state, await RegionSnapshot.TakeAsync(region.Cloud));
        return (first, second, state);
    }

    private static CreateAsg CreateNewGroup(string deploymentId = "dep-1") => new(
        new CreateAsgRequest
        {
            Name = WebRegion.NextName,
            LaunchTemplate = new LaunchTemplateSpec(WebRegion.LaunchTemplateId, null, "1"),
            MinSize = 0,
            DesiredCapacity = 0,
            MaxSize = 8,
            VpcZoneIdentifier = "subnet-0a,subnet-0b",
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            TargetGroupArns = [WebRegion.ProdTargetGroup],
            Tags = LineageTags.ForNewAsg(WebRegion.NextName, 3, deploymentId, WebSpecs.Basic().Infrastructure, blueGreen: false, []),
        },
        deploymentId);

    [Fact]
    public async Task Discovery_reads_the_base_group_the_image_and_the_lineage_without_changing_anything()
    {
        var before = await RegionSnapshot.TakeAsync(region.Cloud);

        var outcome = await region.RunAsync(new DiscoverSetup());

        var inventory = Assert.IsType<SetupObserved>(outcome.Result).Inventory;
        Assert.Equal(WebRegion.BaseAsg, inventory.BaseAsg.Name);
        Assert.Equal((WebRegion.LaunchTemplateId, 1L), (inventory.BaseLaunchTemplateVersion!.LaunchTemplateId, inventory.BaseLaunchTemplateVersion.VersionNumber));
        Assert.Equal(WebRegion.NewImage, inventory.Image.ImageId);
        Assert.Equal([WebRegion.Older, WebRegion.Previous], inventory.Lineage.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Equal(WebRegion.Previous, inventory.PreviousAsgName);
        Assert.Equal(["cpu50"], inventory.PreviousPolicies.Select(p => p.PolicyName));
        Assert.Equal(["cpu50"], inventory.BasePolicies.Select(p => p.PolicyName));
        Assert.Equal(["nightly"], inventory.BaseScheduledActions.Select(a => a.Name));
        Assert.Empty(inventory.GroupsWithNewName);
        Assert.Equal(before, await RegionSnapshot.TakeAsync(region.Cloud));
    }

    [Fact]
    public async Task Discovery_finds_the_newest_image_of_a_lookup()
    {
        var spec = WebSpecs.Basic() with { Service = WebSpecs.Basic().Service with { Ami = new() { Lookup = new() { NamePattern = "web-*", Tags = ValueMap.Of(("app", "web")) } } } };

        var outcome = await region.RunAsync(new DiscoverSetup(), spec: spec);

        Assert.Equal(WebRegion.NewImage, Assert.IsType<SetupObserved>(outcome.Result).Inventory.Image.ImageId);
    }

    public static TheoryData<string, string, string> MissingThings => new()
    {
        { "baseAsg", "no-such-base", "base group no-such-base not found" },
        { "ami", "ami-0999999999999999f", "ami-0999999999999999f" },
    };

    [Theory]
    [MemberData(nameof(MissingThings))]
    public async Task Discovery_fails_in_the_clouds_words_when_something_is_missing(string what, string value, string expected)
    {
        var spec = what == "baseAsg"
            ? WebSpecs.Basic() with { Infrastructure = WebSpecs.Basic().Infrastructure with { BaseAsg = value } }
            : WebSpecs.Basic() with { Service = WebSpecs.Basic().Service with { Ami = new() { Id = value } } };

        var outcome = await region.RunAsync(new DiscoverSetup(), spec: spec);

        Assert.Equal(StepFailureKind.NonRetryable, outcome.Failure?.Kind);
        Assert.Contains(expected, outcome.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_launch_template_version_is_created_once_however_often_the_step_runs()
    {
        var action = new CreateLaunchTemplateVersion(WebRegion.LaunchTemplateId, 1, WebRegion.NewImage, "ZWNobyBoaQ==", DeploymentProgram.ClientToken("dep-1"));

        var (first, second, state) = await RunTwiceAsync(action);

        Assert.Equal(new LaunchTemplateVersionCreated(WebRegion.LaunchTemplateId, 2), first.Result);
        Assert.Equal(first.Result, second.Result);
        Assert.Contains($"template version 2 {WebRegion.NewImage} ZWNobyBoaQ==", state, StringComparison.Ordinal);
        Assert.DoesNotContain("template version 3", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_new_group_is_created_once_and_a_repeat_recognises_it_by_its_deployment_tag()
    {
        var (_, second, state) = await RunTwiceAsync(CreateNewGroup());

        Assert.Contains("already created by this deployment", second.Detail, StringComparison.Ordinal);
        Assert.Contains($"{WebRegion.NextName} 0/0/8 live=0", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_of_the_same_name_made_by_another_deployment_is_a_collision_and_is_left_alone()
    {
        await region.RunAsync(CreateNewGroup("someone-else"));
        var before = await RegionSnapshot.TakeAsync(region.Cloud);

        var outcome = await region.RunAsync(CreateNewGroup("dep-1"));

        Assert.Equal((StepFailureKind.NonRetryable, CloudErrorCodes.AlreadyExists), (outcome.Failure?.Kind, outcome.Failure?.Code));
        Assert.Contains("someone-else", outcome.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RegionSnapshot.TakeAsync(region.Cloud));
    }

    [Fact]
    public async Task Removing_autoscaling_removes_each_policy_and_scheduled_action_once()
    {
        await region.Cloud.PutScheduledActionAsync(WebRegion.Previous, new ScheduledAction { Name = "morning", Recurrence = "0 7 * * *", DesiredCapacity = 6 }, default);

        var (first, second, state) = await RunTwiceAsync(new RemoveScalingPolicies(WebRegion.Previous));

        Assert.Equal("removed cpu50, morning from " + WebRegion.Previous, first.Detail);
        Assert.Contains("has no scaling policies nor scheduled actions", second.Detail, StringComparison.Ordinal);
        var previous = state.Split(WebRegion.Previous)[1].Split("web__prod__3")[0];
        Assert.DoesNotContain("policy", previous, StringComparison.Ordinal);
        Assert.DoesNotContain("scheduled", previous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policies_and_scheduled_actions_are_put_by_name_so_a_repeat_changes_nothing()
    {
        var policy = new ScalingPolicy("cpu40", "TargetTrackingScaling", ValueMap.Of(
            ("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", "ASGAverageCPUUtilization"),
            ("TargetTrackingConfiguration.TargetValue", "40.0")));

        var (_, _, state) = await RunTwiceAsync(new PutScalingPolicies(WebRegion.Older, [policy]));
        await RunTwiceAsync(new PutScheduledActions(WebRegion.Older, [new ScheduledAction { Name = "morning", Recurrence = "0 7 * * *", DesiredCapacity = 2 }]));

        Assert.Single(state.Split('\n'), line => line.Contains("policy cpu40", StringComparison.Ordinal));
        Assert.Single((await region.Cloud.DescribeScheduledActionsAsync(WebRegion.Older, default)), a => a.Name == "morning");
    }

    [Fact]
    public async Task Scheduled_actions_whose_time_has_passed_are_copied_as_aws_accepts_them()
    {
        var past = Start.AddDays(-30);
        ValueList<ScheduledAction> actions =
        [
            new ScheduledAction { Name = "recurring-since-last-month", Recurrence = "0 6 * * *", StartTime = past, DesiredCapacity = 2 },
            new ScheduledAction { Name = "one-off-last-month", StartTime = past, DesiredCapacity = 3 },
        ];

        var outcome = await region.RunAsync(new PutScheduledActions(WebRegion.Older, actions));

        Assert.Null(outcome.Failure);
        var put = Assert.Single(await region.Cloud.DescribeScheduledActionsAsync(WebRegion.Older, default));
        Assert.Equal(("recurring-since-last-month", "0 6 * * *"), (put.Name, put.Recurrence));
        Assert.Contains("skipped one-off-last-month", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resize_sets_absolute_sizes_so_a_repeat_launches_nothing_more()
    {
        var (_, _, state) = await RunTwiceAsync(new ResizeAsg(WebRegion.Older, 1, 3, null));

        Assert.Contains($"{WebRegion.Older} 1/3/8 live=3", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_downsize_lifts_scale_in_protection_from_exactly_the_instances_it_must_remove()
    {
        var previous = await region.ExistingGroupAsync(WebRegion.Previous);
        await region.Cloud.SetInstanceProtectionAsync(WebRegion.Previous, previous.Instances.Select(i => i.InstanceId).ToList(), true, default);

        var (first, _, _) = await RunTwiceAsync(new ResizeAsg(WebRegion.Previous, 1, 1, null));

        var after = await region.ExistingGroupAsync(WebRegion.Previous);
        Assert.Equal(1, after.Instances.Count(i => i.LifecycleState == "InService"));
        Assert.True(after.Instances.Single(i => i.LifecycleState == "InService").ProtectedFromScaleIn);
        Assert.Contains("scale-in protection lifted from", first.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teardown_of_a_missing_group_counts_as_done_when_the_step_says_so_and_fails_otherwise()
    {
        var tolerant = await region.RunAsync(new ResizeAsg("web__prod__9", 0, 0, null, MissingIsDone: true));
        var strict = await region.RunAsync(new ResizeAsg("web__prod__9", 0, 0, null));

        Assert.Null(tolerant.Failure);
        Assert.Equal(StepFailureKind.NonRetryable, strict.Failure?.Kind);
        Assert.Contains("web__prod__9 not found", strict.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_checked_teardown_leaves_a_group_of_another_deployment_alone()
    {
        await region.RunAsync(CreateNewGroup("someone-else"));
        await region.RunAsync(new ResizeAsg(WebRegion.NextName, 1, 1, null));
        var before = await RegionSnapshot.TakeAsync(region.Cloud);

        foreach (var teardown in new StepAction[]
        {
            new ResizeAsg(WebRegion.NextName, 0, 0, null, MissingIsDone: true, OwnedBy: "dep-1"),
            new DetachRoutes(WebRegion.NextName, [WebRegion.ProdTargetGroup], [], MissingIsDone: true, OwnedBy: "dep-1"),
            new TagAsg(WebRegion.NextName, [new AsgTag(LineageTags.BlueGreenKey, LineageTags.Green)], MissingIsDone: true, OwnedBy: "dep-1"),
            new DeleteAsg(WebRegion.NextName, OwnedBy: "dep-1"),
        })
        {
            var outcome = await region.RunAsync(teardown);
            Assert.Null(outcome.Failure);
            Assert.Contains("left alone", outcome.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(before, await RegionSnapshot.TakeAsync(region.Cloud));
    }

    [Fact]
    public async Task A_group_is_deleted_once_and_deleting_it_again_is_done()
    {
        await region.RunAsync(CreateNewGroup());

        var (_, second, state) = await RunTwiceAsync(new DeleteAsg(WebRegion.NextName, OwnedBy: "dep-1"));

        Assert.DoesNotContain($"{WebRegion.NextName} 0/0", state, StringComparison.Ordinal);
        Assert.Contains("nothing to do", second.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_are_attached_and_detached_idempotently()
    {
        var (_, _, attached) = await RunTwiceAsync(new AttachRoutes(WebRegion.Older, [WebRegion.StageTargetGroup], []));
        var (_, secondDetach, detached) = await RunTwiceAsync(new DetachRoutes(WebRegion.Older, [WebRegion.StageTargetGroup], []));

        Assert.Contains($"routes {WebRegion.StageTargetGroup}", attached, StringComparison.Ordinal);
        Assert.DoesNotContain(WebRegion.StageTargetGroup, detached, StringComparison.Ordinal);
        Assert.Contains("is attached to", secondDetach.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_are_written_over_so_a_repeat_changes_nothing()
    {
        var (_, _, state) = await RunTwiceAsync(new TagAsg(WebRegion.Previous, [new AsgTag(LineageTags.BlueGreenKey, LineageTags.Green)]));

        Assert.Contains("BG_VERSION=GREEN", state, StringComparison.Ordinal);
    }
}
