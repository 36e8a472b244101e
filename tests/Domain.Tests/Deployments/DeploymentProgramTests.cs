using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Deployments;

public class DeploymentProgramTests
{
    private static IEnumerable<string> ProgramOf(DeploymentSpec spec, SetupInventory inventory) =>
        DeploymentProgram.Forward("dep-1", spec, SetupPlanner.Plan("dep-1", spec, inventory, 0).Plan!)
            .Select(s => s.Id["dep-1/".Length..]);

    [Fact]
    public void Basic_on_the_worked_lineage_sets_up_then_upscales_new_first_downsizes_previous_and_only_then_attaches_autoscaling()
    {
        var lineage = SampleLineages.Inventory([SampleLineages.Member(1, 0), SampleLineages.Member(2, 0), SampleLineages.Member(3, 0), SampleLineages.Member(4, 2), SampleLineages.Member(5, 4)]);

        Assert.Equal(
            [
                "setup/create-launch-template-version/lt-0123456789abcdef0",
                "setup/create-asg/web__prod__6",
                "setup/remove-policies/web__prod__5",
                "setup/resize/web__prod__4",
                "setup/wait-steady/web__prod__4",
                "setup/delete-asg/web__prod__1",
                "phase-1/resize/web__prod__6",
                "phase-1/wait-steady/web__prod__6",
                "phase-1/resize/web__prod__5",
                "phase-1/wait-steady/web__prod__5",
                "phase-1/put-policies/web__prod__6",
                "phase-1/put-scheduled-actions/web__prod__6",
            ],
            ProgramOf(SampleSpecs.Basic(), lineage));
    }

    [Fact]
    public void An_older_group_outside_the_retained_window_that_still_has_instances_is_drained_before_it_is_deleted()
    {
        // Revision 1 still serves 2 instances but falls outside the 3 retained groups (4, 3, 2) besides the previous one (5).
        var spec = SampleSpecs.Basic();
        var plan = SetupPlanner.Plan("dep-1", spec, SampleLineages.Inventory(
            [SampleLineages.Member(1, 2), SampleLineages.Member(2, 0), SampleLineages.Member(3, 0), SampleLineages.Member(4, 0), SampleLineages.Member(5, 4)]), 0).Plan!;

        var setup = DeploymentProgram.Forward("dep-1", spec, plan).Where(s => s.Stage == StepStage.Setup).ToList();

        Assert.Equal(
            ["setup/resize/web__prod__1", "setup/wait-steady/web__prod__1", "setup/delete-asg/web__prod__1"],
            setup.Select(s => s.Id["dep-1/".Length..]).Where(id => id.EndsWith("web__prod__1", StringComparison.Ordinal)));
        Assert.Equal(new ResizeAsg("web__prod__1", 0, 0, null, MissingIsDone: true), setup.Single(s => s.Action is ResizeAsg).Action);
        Assert.All(setup.Where(s => s.Action.Target == "web__prod__1"), s => Assert.True(s.Tolerated));
        // A group whose drain did not finish is left for the operator rather than force-deleted with what still runs.
        Assert.False(Assert.IsType<DeleteAsg>(setup.Single(s => s.Action is DeleteAsg).Action).Force);
    }

    [Fact]
    public void Downsize_old_first_resizes_the_previous_group_before_the_new_one_in_each_phase()
    {
        var spec = SampleSpecs.Canary(50, 100) with { ResizeStrategy = ResizeStrategy.DownsizeOldFirst };

        var phaseOne = ProgramOf(spec, SampleLineages.Inventory([SampleLineages.Member(1, 4)])).Where(id => id.StartsWith("phase-1/", StringComparison.Ordinal));

        Assert.Equal(["phase-1/resize/web__prod__1", "phase-1/wait-steady/web__prod__1", "phase-1/resize/web__prod__2", "phase-1/wait-steady/web__prod__2"], phaseOne);
    }

    [Fact]
    public void Gates_follow_their_phase_in_order_bake_check_approval()
    {
        var gates = new GatesSpec
        {
            BakeTime = Common.Duration.FromMinutes(5),
            HttpCheck = new HttpCheckSpec { Url = "https://web.example.com/health" },
            ManualApproval = true,
        };
        var spec = SampleSpecs.Canary(50, 100) with
        {
            Strategy = SampleSpecs.Canary(50, 100).Strategy with { Phases = [new PhaseSpec { Percent = 50, Gates = gates }, new PhaseSpec { Percent = 100 }] },
        };

        var program = ProgramOf(spec, SampleLineages.Inventory([])).ToList();

        var wait = program.IndexOf("phase-1/wait-steady/web__prod__1");
        Assert.Equal(["phase-1/bake/gate", "phase-1/http-check/gate", "phase-1/approval/gate", "phase-2/resize/web__prod__1"], program.Skip(wait + 1).Take(4));
    }

    [Fact]
    public void Blue_green_upscales_behind_stage_then_swaps_routes_and_downsizes_the_blue_group()
    {
        var inventory = SampleLineages.Inventory([SampleLineages.Member(1, 3, blue: true)], blueGreen: true);

        Assert.Equal(
            [
                "setup/create-launch-template-version/lt-0123456789abcdef0",
                "setup/create-asg/web__prod__2",
                "phase-1/resize/web__prod__2",
                "phase-1/wait-steady/web__prod__2",
                "swap/detach-routes/web__prod__2",
                "swap/wait-deregistered/web__prod__2",
                "swap/attach-routes/web__prod__2",
                "swap/wait-steady/web__prod__2",
                "swap/put-policies/web__prod__2",
                "swap/put-scheduled-actions/web__prod__2",
                "swap/tag-asg/web__prod__2",
                "swap/detach-routes/web__prod__1",
                "swap/wait-deregistered/web__prod__1",
                "swap/tag-asg/web__prod__1",
                "swap/remove-policies/web__prod__1",
                "swap/resize/web__prod__1",
                "swap/wait-steady/web__prod__1",
            ],
            ProgramOf(SampleSpecs.BlueGreen(), inventory));
    }

    [Fact]
    public void The_alarms_of_copied_step_policies_are_put_right_after_the_policies()
    {
        var inventory = SampleLineages.WithStepScaling(SampleLineages.Inventory([SampleLineages.Member(1, 4)]));
        var plan = SetupPlanner.Plan("dep-1", SampleSpecs.Basic(), inventory, 0).Plan!;

        var program = DeploymentProgram.Forward("dep-1", SampleSpecs.Basic(), plan);

        Assert.Equal(
            ["phase-1/put-policies/web__prod__2", "phase-1/put-policy-alarms/web__prod__2", "phase-1/put-scheduled-actions/web__prod__2"],
            program.TakeLast(3).Select(s => s.Id["dep-1/".Length..]));
        Assert.Equal(new PutPolicyAlarms("web__prod__2", plan.NewAsgAlarms), program[^2].Action);
    }

    [Fact]
    public void Blue_green_puts_the_alarms_of_copied_step_policies_at_the_swap()
    {
        var inventory = SampleLineages.WithStepScaling(SampleLineages.Inventory([SampleLineages.Member(1, 3, blue: true)], blueGreen: true));

        var swap = ProgramOf(SampleSpecs.BlueGreen(), inventory).Where(id => id.StartsWith("swap/", StringComparison.Ordinal)).ToList();

        Assert.Equal(swap.IndexOf("swap/put-policies/web__prod__2") + 1, swap.IndexOf("swap/put-policy-alarms/web__prod__2"));
    }

    [Fact]
    public void Put_policy_alarms_changes_its_group_and_is_persisted_under_its_kind()
    {
        var action = new PutPolicyAlarms("web__prod__2", []);

        Assert.Equal(("put-policy-alarms", "web__prod__2", "web__prod__2", false), (action.Name, action.Target, action.MutatedAsg, action.IsReadOnly));
        Assert.Contains("\"kind\":\"put-policy-alarms\"", System.Text.Json.JsonSerializer.Serialize<StepAction>(action, Common.DomainJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Blue_green_without_downsizing_leaves_the_old_group_running()
    {
        var inventory = SampleLineages.Inventory([SampleLineages.Member(1, 3, blue: true)], blueGreen: true);

        var program = ProgramOf(SampleSpecs.BlueGreen(downsizeOldAsg: false), inventory);

        Assert.Equal("swap/tag-asg/web__prod__1", program.Last());
    }

    [Fact]
    public void Step_ids_are_unique_and_deterministic()
    {
        var spec = SampleSpecs.Canary(25, 50, 100);
        var inventory = SampleLineages.Inventory([SampleLineages.Member(1, 0), SampleLineages.Member(2, 3), SampleLineages.Member(3, 4)]);

        var first = ProgramOf(spec, inventory).ToList();

        Assert.Equal(first.Count, first.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first, ProgramOf(spec, inventory));
    }

    [Fact]
    public void The_launch_template_client_token_is_stable_per_deployment_and_within_ec2s_limit()
    {
        Assert.Equal(DeploymentProgram.ClientToken("dep-1"), DeploymentProgram.ClientToken("dep-1"));
        Assert.NotEqual(DeploymentProgram.ClientToken("dep-1"), DeploymentProgram.ClientToken("dep-2"));
        Assert.InRange(DeploymentProgram.ClientToken(new string('x', 64)).Length, 1, 64);
    }
}
