using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Planning;

public class SetupPlannerTests
{
    private static readonly AsgDescription[] WorkedLineage =
        [SampleLineages.Member(1, 0), SampleLineages.Member(2, 0), SampleLineages.Member(3, 0), SampleLineages.Member(4, 2), SampleLineages.Member(5, 4)];

    private static SetupPlan PlanOf(DeploymentSpec spec, SetupInventory inventory, int highestRevisionEver = 0)
    {
        var result = SetupPlanner.Plan("dep-1", spec, inventory, highestRevisionEver);
        Assert.True(result.Plan is not null, string.Join("; ", result.Problems));
        return result.Plan;
    }

    [Fact]
    public void Plans_the_worked_case_new_name_previous_and_clean_up()
    {
        var plan = PlanOf(SampleSpecs.Basic(), SampleLineages.Inventory(WorkedLineage));

        Assert.Equal(6, plan.Revision);
        Assert.Equal("web__prod__6", plan.NewAsgName);
        Assert.Equal("web__prod__5", plan.Previous?.Name);
        Assert.Equal((1, 4, 8), (plan.Previous!.MinSize, plan.Previous.DesiredCapacity, plan.Previous.MaxSize));
        Assert.Equal(["web__prod__4"], plan.Cleanup.Downsize);
        Assert.Equal(["web__prod__1"], plan.Cleanup.Delete);
    }

    [Fact]
    public void Creates_the_new_group_at_zero_with_the_base_groups_settings_and_the_infrastructures_routes()
    {
        var inventory = SampleLineages.Inventory([]);

        var plan = PlanOf(SampleSpecs.Basic(min: 2, desired: 4, max: 6), inventory);

        var request = plan.NewAsg;
        Assert.Equal((0, 0, 6), (request.MinSize, request.DesiredCapacity, request.MaxSize));
        Assert.Equal(inventory.BaseAsg.VpcZoneIdentifier, request.VpcZoneIdentifier);
        Assert.Equal(inventory.BaseAsg.AvailabilityZones, request.AvailabilityZones);
        Assert.Equal("ELB", request.HealthCheckType);
        Assert.Equal(60, request.HealthCheckGracePeriod);
        Assert.Equal(["OldestInstance"], request.TerminationPolicies);
        Assert.Equal([SampleSpecs.ProdTargetGroup], request.TargetGroupArns);
        Assert.Equal(inventory.BaseLifecycleHooks, request.LifecycleHooks);
        Assert.Null(request.LaunchTemplate); // filled with the created version when the step starts
        Assert.Contains(new AsgTag(LineageTags.LineageKey, "web-prod"), request.Tags);
        Assert.Contains(new AsgTag("team", "payments"), request.Tags);
        Assert.Equal(new NewVersionOfBaseTemplate("lt-0123456789abcdef0", 7), plan.LaunchTemplate);
    }

    [Fact]
    public void Draining_an_older_group_that_has_instances_is_a_warning_naming_the_group_and_the_instances()
    {
        // Revision 4 (2 instances) is drained and kept, revision 1 (1 instance) drained and deleted, 2 and 3 have none.
        var lineage = SampleLineages.Inventory(
            [SampleLineages.Member(1, 1), SampleLineages.Member(2, 0), SampleLineages.Member(3, 0), SampleLineages.Member(4, 2), SampleLineages.Member(5, 4)]);

        var plan = PlanOf(SampleSpecs.Basic(), lineage);

        var drains = plan.Warnings.Where(w => w.Contains("out of service", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, drains.Count);
        Assert.Contains(drains, w => w.Contains("'web__prod__4'", StringComparison.Ordinal)
            && w.Contains("i-00000004000000000, i-00000004000000001", StringComparison.Ordinal));
        Assert.Contains(drains, w => w.Contains("'web__prod__1'", StringComparison.Ordinal)
            && w.Contains("i-00000001000000000", StringComparison.Ordinal)
            && w.Contains("and deletes it", StringComparison.Ordinal));
    }

    [Fact]
    public void Copies_base_policies_to_the_new_group_with_dimensions_renamed()
    {
        var plan = PlanOf(SampleSpecs.Basic(), SampleLineages.Inventory([]));

        var policy = Assert.Single(plan.NewAsgPolicies);
        Assert.Equal("web__prod__1", policy.Parameters["TargetTrackingConfiguration.CustomizedMetricSpecification.Dimensions.member.1.Value"]);
        Assert.Equal("Europe/Berlin", Assert.Single(plan.NewAsgScheduledActions).TimeZone);
    }

    [Fact]
    public void Blue_green_creates_the_group_behind_stage_routes()
    {
        var plan = PlanOf(SampleSpecs.BlueGreen(), SampleLineages.Inventory([], blueGreen: true));

        Assert.Equal([SampleSpecs.StageTargetGroup], plan.NewAsg.TargetGroupArns);
        Assert.Contains(new AsgTag(LineageTags.BlueGreenKey, LineageTags.Green), plan.NewAsg.Tags);
        Assert.All(plan.Phases, p => Assert.Null(p.PreviousDesired));
    }

    [Fact]
    public void Canary_25_50_100_plans_new_1_2_4_and_previous_3_2_0()
    {
        var plan = PlanOf(SampleSpecs.Canary(25, 50, 100), SampleLineages.Inventory([SampleLineages.Member(1, 4)]));

        Assert.Equal([1, 2, 4], plan.Phases.Select(p => p.NewDesired));
        Assert.Equal([3, 2, 0], plan.Phases.Select(p => p.PreviousDesired!.Value));
        Assert.Equal([1, 1, 0], plan.Phases.Select(p => p.PreviousMin!.Value));
        Assert.Equal([1, 1, 1], plan.Phases.Select(p => p.NewMin));
    }

    [Fact]
    public void Previous_of_six_shrinks_to_three_at_fifty_percent_of_four()
    {
        var plan = PlanOf(SampleSpecs.Canary(50, 100), SampleLineages.Inventory([SampleLineages.Member(1, 6)]));

        Assert.Equal([3, 0], plan.Phases.Select(p => p.PreviousDesired!.Value));
    }

    [Fact]
    public void Same_as_running_copies_the_running_previous_group()
    {
        var spec = SampleSpecs.Basic() with { Capacity = new CapacitySpec { Mode = CapacityMode.SameAsRunning } };

        var plan = PlanOf(spec, SampleLineages.Inventory([SampleLineages.Member(1, 5, min: 2, max: 9)]));

        Assert.Equal(new CapacityNumbers(2, 5, 9), plan.FinalCapacity);
    }

    [Fact]
    public void Same_as_running_uses_the_fallback_when_nothing_runs()
    {
        var spec = SampleSpecs.Basic() with
        {
            Capacity = new CapacitySpec { Mode = CapacityMode.SameAsRunning, Fallback = new CapacityNumbers(1, 2, 3) },
        };

        var plan = PlanOf(spec, SampleLineages.Inventory([SampleLineages.Member(1, 0)]));

        Assert.Equal(new CapacityNumbers(1, 2, 3), plan.FinalCapacity);
    }

    [Fact]
    public void Same_as_running_with_no_previous_and_no_fallback_is_a_validation_error()
    {
        var spec = SampleSpecs.Basic() with { Capacity = new CapacitySpec { Mode = CapacityMode.SameAsRunning } };

        var result = SetupPlanner.Plan("dep-1", spec, SampleLineages.Inventory([]), 0);

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("capacity.fallback", problem.Path);
        Assert.Contains("no running group", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_phases_beyond_the_running_capacity_are_refused_at_setup()
    {
        var spec = SampleSpecs.Basic() with
        {
            Capacity = new CapacitySpec { Mode = CapacityMode.SameAsRunning },
            Strategy = new StrategySpec { Type = StrategyType.Canary, Phases = [new PhaseSpec { Count = 3 }, new PhaseSpec { Count = 5 }] },
        };

        var result = SetupPlanner.Plan("dep-1", spec, SampleLineages.Inventory([SampleLineages.Member(1, 4)]), 0);

        Assert.Contains(result.Problems, p => p.Path == "strategy.phases[1].count" && p.Message.Contains("above the final desired 4", StringComparison.Ordinal));
    }

    [Fact]
    public void An_image_that_is_not_available_is_refused()
    {
        var inventory = SampleLineages.Inventory([]) with { Image = SampleLineages.Inventory([]).Image with { State = "pending" } };

        var result = SetupPlanner.Plan("dep-1", SampleSpecs.Basic(), inventory, 0);

        Assert.Contains(result.Problems, p => p.Path == "service.ami.id" && p.Message.Contains("pending", StringComparison.Ordinal));
    }

    [Fact]
    public void A_launch_configuration_base_gets_a_template_named_like_the_new_group_with_its_block_devices()
    {
        var configuration = new LaunchConfiguration
        {
            Name = "legacy",
            ImageId = "ami-00000000000000001",
            InstanceType = "t3.small",
            SecurityGroups = ["sg-0123456789abcdef0", "default"],
            UserDataBase64 = "b2xk",
            BlockDeviceMappings = [new BlockDeviceMapping { DeviceName = "/dev/xvda", VolumeSize = 50 }],
        };
        var inventory = SampleLineages.Inventory([]) with
        {
            BaseAsg = SampleLineages.BaseAsg() with { LaunchTemplate = null, LaunchConfigurationName = "legacy" },
            BaseLaunchTemplateVersion = null,
            BaseLaunchConfiguration = configuration,
        };

        var plan = PlanOf(SampleSpecs.Basic(), inventory);

        var fromConfiguration = Assert.IsType<TemplateFromConfiguration>(plan.LaunchTemplate);
        Assert.Equal("web__prod__1", fromConfiguration.LaunchTemplateName);
        Assert.Equal("ami-0123456789abcdef0", fromConfiguration.Data.ImageId);
        Assert.Equal(["sg-0123456789abcdef0"], fromConfiguration.Data.SecurityGroupIds);
        Assert.Equal(["default"], fromConfiguration.Data.SecurityGroupNames);
        Assert.Equal("b2xk", fromConfiguration.Data.UserDataBase64);
        Assert.Equal(50, Assert.Single(fromConfiguration.Data.BlockDeviceMappings).VolumeSize);
    }

    [Fact]
    public void The_base_group_is_never_part_of_the_lineage_even_when_tagged_like_it()
    {
        var taggedBase = SampleLineages.Member(9, 3) with { Name = "web-base" };
        var inventory = SampleLineages.Inventory([SampleLineages.Member(1, 2)]) with { Lineage = [taggedBase, SampleLineages.Member(1, 2)] };

        var plan = PlanOf(SampleSpecs.Basic(), inventory);

        Assert.Equal(2, plan.Revision);
        Assert.Equal("web__prod__1", plan.Previous?.Name);
    }

    [Fact]
    public void Revision_numbering_continues_above_the_highest_revision_ever_used()
    {
        var plan = PlanOf(SampleSpecs.Basic(), SampleLineages.Inventory([]), highestRevisionEver: 41);

        Assert.Equal("web__prod__42", plan.NewAsgName);
    }

    [Fact]
    public void A_new_name_held_by_a_group_outside_the_lineage_is_refused_before_any_change()
    {
        var stranger = SampleLineages.Member(1, 3, lineage: "someone-else");
        var inventory = SampleLineages.Inventory([]) with { GroupsWithNewName = [stranger] };

        var result = SetupPlanner.Plan("dep-1", SampleSpecs.Basic(), inventory, 0);

        Assert.Contains(result.Problems, p => p.Path == "asgNamePrefix" && p.Message.Contains("'web__prod__1' already exists outside lineage", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_name_equal_to_the_base_group_is_refused()
    {
        var inventory = SampleLineages.Inventory([]) with { BaseAsg = SampleLineages.BaseAsg("web__prod__1") };

        var result = SetupPlanner.Plan("dep-1", SampleSpecs.Basic(), inventory, 0);

        Assert.Contains(result.Problems, p => p.Path == "asgNamePrefix" && p.Message.Contains("like the base group", StringComparison.Ordinal));
    }

    [Fact]
    public void NextAsgName_is_the_name_the_planner_gives()
    {
        var lineage = new[] { SampleLineages.Member(1, 0), SampleLineages.Member(4, 2) };

        var name = SetupPlanner.NextAsgName(SampleSpecs.Basic(), lineage, "web-base", highestRevisionEver: 2);

        Assert.Equal(PlanOf(SampleSpecs.Basic(), SampleLineages.Inventory(lineage), 2).NewAsgName, name);
    }

    [Fact]
    public void Blue_green_refuses_a_lineage_with_two_blue_groups()
    {
        var inventory = SampleLineages.Inventory([SampleLineages.Member(1, 2, blue: true), SampleLineages.Member(2, 2, blue: true)], blueGreen: true);

        var result = SetupPlanner.Plan("dep-1", SampleSpecs.BlueGreen(), inventory, 0);

        Assert.Contains(result.Problems, p => p.Path == "infrastructure.id" && p.Message.Contains("2 groups tagged BG_VERSION=BLUE (web__prod__1, web__prod__2)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lineage_that_used_the_last_revision_number_is_a_problem_not_an_overflow()
    {
        var result = SetupPlanner.Plan("dep-1", SampleSpecs.Basic(), SampleLineages.Inventory([SampleLineages.Member(int.MaxValue, 1)]), 0);

        Assert.Contains(result.Problems, p => p.Message.Contains("every revision number", StringComparison.Ordinal));
    }

    [Fact]
    public void Mixed_instances_overrides_with_their_own_template_are_refused()
    {
        var policy = new MixedInstancesPolicy
        {
            LaunchTemplate = new LaunchTemplateSpec("lt-0123456789abcdef0", null, "$Latest"),
            Overrides = [LaunchTemplateOverride.ForInstanceType("t3.micro"), new LaunchTemplateOverride(Common.ValueMap.Of(("InstanceType", "m6g.large"), ("LaunchTemplateSpecification.LaunchTemplateId", "lt-0aaaaaaaaaaaaaaaa")))],
        };
        var inventory = SampleLineages.Inventory([]) with { BaseAsg = SampleLineages.BaseAsg() with { LaunchTemplate = null, MixedInstancesPolicy = policy } };

        var result = SetupPlanner.Plan("dep-1", SampleSpecs.Basic(), inventory, 0);

        Assert.Contains(result.Problems, p => p.Path == "infrastructure.baseAsg" && p.Message.Contains("keep the old AMI", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_warns_when_the_base_group_launches_from_latest()
    {
        var plan = PlanOf(SampleSpecs.Basic(), SampleLineages.Inventory([]));

        Assert.Contains(plan.Warnings, w => w.Contains("launches from $Latest of lt-0123456789abcdef0", StringComparison.Ordinal));
    }

    [Fact]
    public void Step_policy_alarms_are_copied_for_the_new_group_and_kept_to_restore_the_previous_one_without_a_warning()
    {
        var inventory = SampleLineages.WithStepScaling(SampleLineages.Inventory([SampleLineages.Member(1, 4)]));

        var plan = PlanOf(SampleSpecs.Basic(), inventory);

        var copy = Assert.Single(plan.NewAsgAlarms);
        Assert.Equal("ami-orchestrator:web__prod__2:web-cpu-high", copy.AlarmName);
        Assert.Equal("web__prod__2", copy.Parameters["Dimensions.member.1.Value"]);
        Assert.Equal("ami-orchestrator:policy/scale-out", copy.Parameters["AlarmActions.member.1"]);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:web-alerts", copy.Parameters["AlarmActions.member.2"]);
        var restore = Assert.Single(plan.Previous!.Alarms);
        Assert.Equal("ami-orchestrator:web__prod__1:web-cpu-high", restore.AlarmName);
        Assert.Equal("web__prod__1", restore.Parameters["Dimensions.member.1.Value"]);
        Assert.Equal("ami-orchestrator:policy/scale-out", restore.Parameters["AlarmActions.member.1"]);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("alarm", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_policy_listing_an_alarm_discovery_did_not_find_is_a_warning_for_the_copy_and_for_the_restore()
    {
        var inventory = SampleLineages.WithStepScaling(SampleLineages.Inventory([SampleLineages.Member(1, 4)])) with { BaseAlarms = [], PreviousAlarms = [] };

        var plan = PlanOf(SampleSpecs.Basic(), inventory);

        Assert.Empty(plan.NewAsgAlarms);
        Assert.Empty(plan.Previous!.Alarms);
        var missing = plan.Warnings.Where(w => w.Contains("which discovery did not find", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, missing.Count);
        Assert.Contains(missing, w => w.Contains("'scale-out' of 'web-base' lists alarm 'web-cpu-high'", StringComparison.Ordinal) && w.Contains("'web__prod__2'", StringComparison.Ordinal));
        Assert.Contains(missing, w => w.Contains("'scale-out' of 'web__prod__1' lists alarm 'ami-orchestrator:web__prod__1:web-cpu-high'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_alarms_target_tracking_manages_itself_are_never_copied()
    {
        var targetTracking = SampleLineages.CpuPolicy() with { AlarmNames = ["TargetTracking-web-base-AlarmHigh-1"] };
        var managed = SampleLineages.Alarm("TargetTracking-web-base-AlarmHigh-1", "web-base", SampleLineages.PolicyArn("web-base", "cpu50"));
        var inventory = SampleLineages.Inventory([]) with { BasePolicies = [targetTracking], BaseAlarms = [managed] };

        var plan = PlanOf(SampleSpecs.Basic(), inventory);

        Assert.Empty(plan.NewAsgAlarms);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("alarm", StringComparison.OrdinalIgnoreCase));
    }
}
