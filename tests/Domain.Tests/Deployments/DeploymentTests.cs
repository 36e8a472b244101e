using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Deployments;

public class DeploymentTests
{
    private static readonly SetupInventory RunningLineage = SampleLineages.Inventory([SampleLineages.Member(1, 0), SampleLineages.Member(2, 4)]);

    [Fact]
    public void Submit_of_an_invalid_spec_persists_nothing_and_answers_with_every_problem()
    {
        var driver = new DeploymentDriver();
        var spec = SampleSpecs.Basic(min: 5, desired: 12, max: 10) with { RetainedOldAsgs = -1 };

        var decision = driver.Submit(spec);

        Assert.Empty(decision.Events);
        var reply = Assert.Single(decision.Effects.OfType<DeploymentEffect.Reply>()).Answer;
        Assert.False(reply.Accepted);
        Assert.Equal(["capacity.desired", "retainedOldAsgs"], reply.Problems.Select(p => p.Path).Distinct());
        Assert.Equal(DeploymentStatus.New, driver.State.Status);
    }

    [Fact]
    public void Submit_with_an_unusable_deployment_id_is_refused()
    {
        var driver = new DeploymentDriver("has space");

        var decision = driver.Submit(SampleSpecs.Basic());

        Assert.Empty(decision.Events);
        Assert.Contains(decision.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Problems, p => p.Path == "deploymentId");
    }

    [Fact]
    public void Submit_queues_and_asks_for_the_lineage()
    {
        var driver = new DeploymentDriver();

        var decision = driver.Submit(SampleSpecs.Basic());

        Assert.IsType<DeploymentSubmitted>(Assert.Single(decision.Events));
        Assert.Contains(new DeploymentEffect.RequestLineage("web-prod", "dep-1"), decision.Effects);
        Assert.Equal(DeploymentStatus.Queued, driver.State.Status);
    }

    [Fact]
    public void Submitting_the_same_deployment_twice_returns_its_status_and_starts_nothing()
    {
        var driver = new DeploymentDriver();
        driver.Submit(SampleSpecs.Basic());

        var again = driver.Submit(SampleSpecs.Basic());
        var different = driver.Submit(SampleSpecs.Canary(50, 100));

        Assert.Empty(again.Events);
        Assert.Equal((true, DeploymentStatus.Queued), (again.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Accepted, again.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Status));
        Assert.DoesNotContain(again.Effects, e => e is DeploymentEffect.RequestLineage or DeploymentEffect.RunStep);
        Assert.Empty(different.Events);
        Assert.False(different.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Accepted);
    }

    [Fact]
    public void A_granted_lineage_starts_discovery_with_a_deadline()
    {
        var driver = new DeploymentDriver();
        driver.Submit(SampleSpecs.Basic());

        var decision = driver.Grant();

        var run = Assert.Single(decision.Effects.OfType<DeploymentEffect.RunStep>()).Step;
        Assert.Equal("dep-1/setup/discover/setup", run.Step.Id);
        Assert.Equal(run.At + TimeSpan.FromMinutes(10), run.Deadline);
        Assert.Equal(DeploymentStatus.SettingUp, driver.State.Status);
    }

    [Fact]
    public void A_basic_deployment_runs_every_step_and_releases_the_lineage_with_its_revision()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);

        driver.SucceedUntil();

        Assert.Equal(DeploymentStatus.Succeeded, driver.State.Status);
        Assert.Equal(new DeploymentEffect.ReleaseLineage("web-prod", "dep-1", 3), driver.EffectsOf<DeploymentEffect.ReleaseLineage>().Single());
        Assert.Equal(driver.State.Steps.Select(s => s.Id), driver.StartedStepIds);
    }

    [Fact]
    public void The_new_group_is_created_from_the_launch_template_version_setup_made()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);

        driver.Succeed(new LaunchTemplateVersionCreated("lt-0123456789abcdef0", 8));

        var create = Assert.IsType<CreateAsg>(driver.InFlight.Step.Action);
        Assert.Equal(new LaunchTemplateSpec("lt-0123456789abcdef0", null, "8"), create.Request.LaunchTemplate);
    }

    [Fact]
    public void A_launch_template_step_that_reports_no_version_has_failed()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic() with { RollbackOnFailure = false }, RunningLineage);

        driver.Feed(DeploymentInput.StepOutcome.Succeeded(driver.InFlight.Step.Id, driver.Now.AddSeconds(1)));

        Assert.Equal(DeploymentStatus.Failed, driver.State.Status);
        Assert.Contains("without a version", driver.State.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Statuses_follow_the_stages_of_a_canary_with_an_approval()
    {
        var spec = SampleSpecs.Canary(50, 100) with
        {
            Strategy = SampleSpecs.Canary().Strategy with
            {
                Phases = [new PhaseSpec { Percent = 50, Gates = new GatesSpec { ManualApproval = true } }, new PhaseSpec { Percent = 100 }],
            },
        };
        var driver = new DeploymentDriver();
        driver.StartWith(spec, RunningLineage);
        var seen = new List<DeploymentStatus>();

        driver.SucceedUntil(step =>
        {
            seen.Add(driver.State.Status);
            return step.Step.Action is AwaitApproval;
        });

        Assert.Equal(DeploymentStatus.AwaitingApproval, driver.State.Status);
        Assert.Equal([DeploymentStatus.SettingUp, DeploymentStatus.Deploying], seen.Distinct().Take(2));
        var approved = driver.Feed(new DeploymentInput.Approve("bob", driver.Now.AddSeconds(1)));
        Assert.True(approved.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Accepted);
        Assert.Equal(DeploymentStatus.Deploying, driver.State.Status);
    }

    [Fact]
    public void Approve_when_nothing_awaits_approval_is_refused_and_changes_nothing()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);

        var decision = driver.Feed(new DeploymentInput.Approve("bob", driver.Now));

        Assert.Empty(decision.Events);
        Assert.False(decision.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Accepted);
    }

    [Fact]
    public void Reject_rolls_back()
    {
        var spec = SampleSpecs.Basic() with { Strategy = new StrategySpec { Gates = new GatesSpec { ManualApproval = true } } };
        var driver = new DeploymentDriver();
        driver.StartWith(spec, RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is AwaitApproval);

        driver.Feed(new DeploymentInput.Reject("carol", "error rate up", driver.Now));

        Assert.Equal(DeploymentStatus.RollingBack, driver.State.Status);
        Assert.Contains("rejected by carol: error rate up", driver.Events.OfType<RollbackStarted>().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wait_past_its_deadline_rolls_back_previous_first_then_removes_the_new_group()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is WaitSteady { Asg: "web__prod__3" });

        driver.Fail(StepFailureKind.DeadlinePassed, "3 of 4 instances InService after 10m");

        Assert.Equal(DeploymentStatus.RollingBack, driver.State.Status);
        Assert.Equal(
            [
                "dep-1/rollback/resize/web__prod__2",
                "dep-1/rollback/wait-steady/web__prod__2",
                "dep-1/rollback/put-policies/web__prod__2",
                "dep-1/rollback/resize/web__prod__3",
                "dep-1/rollback/wait-steady/web__prod__3",
                "dep-1/rollback/delete-asg/web__prod__3",
            ],
            driver.State.RollbackSteps.Select(s => s.Id));
        var restore = Assert.IsType<ResizeAsg>(driver.State.RollbackSteps[0].Action);
        Assert.Equal((1, 4, 8), (restore.MinSize, restore.DesiredCapacity, restore.MaxSize));
        driver.SucceedUntil();
        Assert.Equal(DeploymentStatus.RolledBack, driver.State.Status);
        Assert.Single(driver.EffectsOf<DeploymentEffect.ReleaseLineage>());
    }

    [Fact]
    public void Rollback_restores_the_previous_groups_alarms_right_after_its_policies()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), SampleLineages.WithStepScaling(RunningLineage));
        driver.SucceedUntil(step => step.Step.Action is WaitSteady { Asg: "web__prod__3" });

        driver.Fail(StepFailureKind.DeadlinePassed, "3 of 4 instances InService after 10m");

        var ids = driver.State.RollbackSteps.Select(s => s.Id["dep-1/rollback/".Length..]).ToList();
        Assert.Equal(ids.IndexOf("put-policies/web__prod__2") + 1, ids.IndexOf("put-policy-alarms/web__prod__2"));
        var restore = Assert.IsType<PutPolicyAlarms>(driver.State.RollbackSteps.Single(s => s.Action is PutPolicyAlarms).Action);
        Assert.Equal(driver.State.Plan!.Previous!.Alarms, restore.Alarms);
        Assert.NotEmpty(restore.Alarms);
    }

    [Fact]
    public void Rollback_puts_the_previous_groups_scheduled_actions_back_after_its_policies()
    {
        var weekdays = new ScheduledAction { Name = "weekdays", Recurrence = "0 8 * * 1-5", DesiredCapacity = 6, TimeZone = "Europe/Berlin" };
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage with { PreviousScheduledActions = [weekdays] });
        driver.SucceedUntil(step => step.Step.Action is WaitSteady { Asg: "web__prod__3" });

        driver.Fail(StepFailureKind.DeadlinePassed, "3 of 4 instances InService after 10m");

        var ids = driver.State.RollbackSteps.Select(s => s.Id["dep-1/rollback/".Length..]).ToList();
        Assert.True(ids.IndexOf("put-policies/web__prod__2") < ids.IndexOf("put-scheduled-actions/web__prod__2"), string.Join(", ", ids));
        var restore = Assert.IsType<PutScheduledActions>(driver.State.RollbackSteps.Single(s => s.Action is PutScheduledActions).Action);
        Assert.Equal(new PutScheduledActions("web__prod__2", [weekdays]), restore);
    }

    [Fact]
    public void A_previous_group_without_scheduled_actions_gets_none_put_back()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is WaitSteady { Asg: "web__prod__3" });

        driver.Fail();

        Assert.DoesNotContain(driver.State.RollbackSteps, s => s.Action is PutScheduledActions);
    }

    [Fact]
    public void Downsize_old_first_rolls_back_the_new_group_first()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic() with { ResizeStrategy = ResizeStrategy.DownsizeOldFirst }, RunningLineage);
        driver.SucceedUntil(step => step.Step.Stage == StepStage.Deploy);

        driver.Fail();

        Assert.Equal("dep-1/rollback/resize/web__prod__3", driver.State.RollbackSteps[0].Id);
        Assert.Equal("dep-1/rollback/resize/web__prod__2", driver.State.RollbackSteps[3].Id);
    }

    [Fact]
    public void Without_rollback_on_failure_the_deployment_fails_and_releases_the_lineage()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic() with { RollbackOnFailure = false }, RunningLineage);
        driver.SucceedUntil(step => step.Step.Stage == StepStage.Deploy);

        driver.Fail(StepFailureKind.RetriesExhausted, "Throttling: Rate exceeded");

        Assert.Equal(DeploymentStatus.Failed, driver.State.Status);
        Assert.Contains("Throttling: Rate exceeded", driver.State.FailureReason, StringComparison.Ordinal);
        Assert.Single(driver.EffectsOf<DeploymentEffect.ReleaseLineage>());
    }

    [Fact]
    public void A_failed_deployment_is_rolled_back_on_request_once_it_holds_its_lineage_again()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic() with { RollbackOnFailure = false }, RunningLineage);
        driver.SucceedUntil(step => step.Step.Stage == StepStage.Deploy);
        driver.Fail();

        var request = driver.Feed(new DeploymentInput.RequestRollback("dave", "bad build", driver.Now));
        Assert.Contains(new DeploymentEffect.RequestLineage("web-prod", "dep-1", ForRollback: true), request.Effects);
        Assert.Equal(DeploymentStatus.Failed, driver.State.Status);

        driver.Grant(highestRevisionEver: 3);

        Assert.Equal(DeploymentStatus.RollingBack, driver.State.Status);
        Assert.StartsWith("dep-1/rollback/", driver.InFlight.Step.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_rollback_leaves_the_deployment_failed_with_a_warning()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic() with { RollbackOnFailure = false }, RunningLineage);
        driver.SucceedUntil(step => step.Step.Stage == StepStage.Deploy);
        driver.Fail();
        driver.Feed(new DeploymentInput.RequestRollback("dave", "bad build", driver.Now));

        driver.Feed(new DeploymentInput.LineageDenied("dep-2 has run since", driver.Now));

        Assert.Equal(DeploymentStatus.Failed, driver.State.Status);
        Assert.Null(driver.State.PendingRollback);
        Assert.Contains(driver.State.Warnings, w => w.Contains("dep-2 has run since", StringComparison.Ordinal));
    }

    [Fact]
    public void Abort_during_a_wait_stops_at_once_and_leaves_everything_as_it_is()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is WaitSteady);
        var waiting = driver.InFlight.Step.Id;

        var decision = driver.Feed(new DeploymentInput.Abort("erin", "wrong AMI", driver.Now));

        Assert.Equal(DeploymentStatus.Aborted, driver.State.Status);
        Assert.Contains(new DeploymentEffect.CancelStep(waiting), decision.Effects);
        Assert.DoesNotContain(decision.Effects, e => e is DeploymentEffect.RunStep);
        Assert.Empty(driver.Feed(DeploymentInput.StepOutcome.Succeeded(waiting, driver.Now)).Events);
    }

    [Fact]
    public void Abort_during_a_change_waits_for_that_step_then_stops()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is CreateAsg);

        var decision = driver.Feed(new DeploymentInput.Abort("erin", "wrong AMI", driver.Now));
        Assert.IsType<InterruptRequested>(Assert.Single(decision.Events));
        Assert.Contains("will follow the step in progress", decision.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Message, StringComparison.Ordinal);
        Assert.Equal(DeploymentStatus.SettingUp, driver.State.Status);

        var finished = driver.Succeed();

        Assert.Equal(DeploymentStatus.Aborted, driver.State.Status);
        Assert.DoesNotContain(finished.Effects, e => e is DeploymentEffect.RunStep);
    }

    [Fact]
    public void An_aborted_deployment_can_still_be_rolled_back()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is WaitSteady);
        driver.Feed(new DeploymentInput.Abort("erin", "look first", driver.Now));

        driver.Feed(new DeploymentInput.RequestRollback("erin", "now undo it", driver.Now));
        driver.Grant(3);
        driver.SucceedUntil();

        Assert.Equal(DeploymentStatus.RolledBack, driver.State.Status);
    }

    [Fact]
    public void Rollback_requested_during_a_change_follows_that_step()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is ResizeAsg);

        driver.Feed(new DeploymentInput.RequestRollback("frank", "canary errors", driver.Now));
        Assert.NotEqual(DeploymentStatus.RollingBack, driver.State.Status);
        driver.Succeed();

        Assert.Equal(DeploymentStatus.RollingBack, driver.State.Status);
        Assert.Contains("frank", driver.Events.OfType<RollbackStarted>().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_interrupt_while_one_is_pending_is_refused()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is CreateAsg);
        driver.Feed(new DeploymentInput.RequestRollback("frank", "x", driver.Now));

        var second = driver.Feed(new DeploymentInput.Abort("erin", "y", driver.Now));

        Assert.Empty(second.Events);
        Assert.False(second.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Accepted);
    }

    [Fact]
    public void A_failed_rollback_step_leaves_rollback_failed_and_a_retry_resumes_from_that_step()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Stage == StepStage.Deploy);
        driver.Fail();
        driver.Succeed(); // rollback/resize of the previous group
        driver.Fail(StepFailureKind.DeadlinePassed, "previous group never became steady");

        Assert.Equal(DeploymentStatus.RollbackFailed, driver.State.Status);
        Assert.Empty(driver.EffectsOf<DeploymentEffect.ReleaseLineage>());

        driver.Feed(new DeploymentInput.RequestRollback("gina", "retry", driver.Now));

        Assert.Equal(DeploymentStatus.RollingBack, driver.State.Status);
        Assert.Equal("dep-1/rollback-2/wait-steady/web__prod__2", driver.InFlight.Step.Id);
        driver.SucceedUntil();
        Assert.Equal(DeploymentStatus.RolledBack, driver.State.Status);
    }

    [Fact]
    public void A_clean_up_failure_is_a_warning_and_the_deployment_goes_on()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), SampleLineages.Inventory([SampleLineages.Member(1, 2), SampleLineages.Member(2, 4)]));
        driver.SucceedUntil(step => step.Step.Tolerated);

        driver.Fail(StepFailureKind.NonRetryable, "ResourceInUse: still in use");
        driver.SucceedUntil();

        Assert.Equal(DeploymentStatus.Succeeded, driver.State.Status);
        Assert.Contains(driver.State.Warnings, w => w.Contains("ResourceInUse", StringComparison.Ordinal));
    }

    [Fact]
    public void Discovery_failing_fails_the_deployment_with_the_clouds_words_and_nothing_to_undo()
    {
        var driver = new DeploymentDriver();
        driver.Submit(SampleSpecs.Basic());
        driver.Grant();

        driver.Fail(StepFailureKind.NonRetryable, "base ASG 'web-base' not found in region us-east-1");

        Assert.Equal(DeploymentStatus.Failed, driver.State.Status);
        Assert.Contains("not found in region us-east-1", driver.State.FailureReason, StringComparison.Ordinal);
        Assert.Contains("nothing to roll back", driver.State.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_that_cannot_be_made_fails_setup_before_any_change()
    {
        var driver = new DeploymentDriver();
        var spec = SampleSpecs.Basic() with { Capacity = new CapacitySpec { Mode = CapacityMode.SameAsRunning } };

        driver.StartWith(spec, SampleLineages.Inventory([]));

        Assert.Equal(DeploymentStatus.Failed, driver.State.Status);
        Assert.Equal("capacity.fallback", Assert.Single(driver.State.Problems).Path);
        Assert.DoesNotContain(driver.Events.OfType<StepStarted>(), s => !s.Step.Action.IsReadOnly);
    }

    [Fact]
    public void An_outcome_for_a_step_that_is_not_running_is_ignored()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);

        var decision = driver.Feed(DeploymentInput.StepOutcome.Succeeded("dep-1/phase-9/resize/nothing", driver.Now));

        Assert.Equal(Decision<IDeploymentEvent, DeploymentEffect>.None, decision);
    }

    [Fact]
    public void Gate_deadlines_are_the_bake_time_the_check_timeout_and_the_approval_timeout()
    {
        var gates = new GatesSpec
        {
            BakeTime = Duration.FromMinutes(7),
            HttpCheck = new HttpCheckSpec { Url = "http://x.example.com/", Timeout = Duration.FromSeconds(90) },
            ManualApproval = true,
        };
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic() with { Strategy = new StrategySpec { Gates = gates } }, RunningLineage);
        var deadlines = new List<(string, TimeSpan?)>();

        driver.SucceedUntil(step =>
        {
            if (step.Step.Stage == StepStage.Gate)
                deadlines.Add((step.Step.Action.Name, step.Deadline - step.At));
            return step.Step.Action is AwaitApproval;
        });

        Assert.Equal([("bake", TimeSpan.FromMinutes(7)), ("http-check", TimeSpan.FromSeconds(90)), ("approval", (TimeSpan?)null)], deadlines);
    }

    [Fact]
    public void Rolling_back_a_queued_deployment_cancels_it()
    {
        var driver = new DeploymentDriver();
        driver.Submit(SampleSpecs.Basic());

        driver.Feed(new DeploymentInput.RequestRollback("hank", "not needed", driver.Now));

        Assert.Equal(DeploymentStatus.Aborted, driver.State.Status);
        Assert.Single(driver.EffectsOf<DeploymentEffect.ReleaseLineage>());
    }

    [Fact]
    public void Ended_deployments_refuse_abort_and_rollback()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil();

        Assert.False(driver.Feed(new DeploymentInput.Abort("x", "y", driver.Now)).Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Accepted);
        Assert.False(driver.Feed(new DeploymentInput.RequestRollback("x", "y", driver.Now)).Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Accepted);
        Assert.Equal(DeploymentStatus.Succeeded, driver.State.Status);
    }

    [Fact]
    public void Recover_resends_the_step_in_flight_and_starts_nothing_else()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        var inFlight = driver.InFlight;

        var decision = Deployment.Decide(Deployment.Replay("dep-1", driver.Events), new DeploymentInput.Recover(driver.Now));

        Assert.Empty(decision.Events);
        Assert.Equal([new DeploymentEffect.RunStep(inFlight)], decision.Effects);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Recover_asks_again_for_the_lineage_when_queued_and_releases_it_again_when_ended(bool ended)
    {
        var driver = new DeploymentDriver();
        driver.Submit(SampleSpecs.Basic());
        if (ended)
            driver.Feed(new DeploymentInput.Abort("x", "y", driver.Now));

        var decision = Deployment.Decide(driver.State, new DeploymentInput.Recover(driver.Now));

        Assert.Equal(ended ? typeof(DeploymentEffect.ReleaseLineage) : typeof(DeploymentEffect.RequestLineage), Assert.Single(decision.Effects).GetType());
    }

    [Fact]
    public void A_turn_the_deployment_cannot_use_is_given_back()
    {
        var never = new DeploymentDriver("dep-9");
        var ended = new DeploymentDriver();
        ended.Submit(SampleSpecs.Basic());
        ended.Feed(new DeploymentInput.Abort("x", "y", ended.Now));

        var neverSubmitted = never.Grant(4);
        var afterTheEnd = ended.Grant(4);

        Assert.Equal([new DeploymentEffect.ReleaseLineage("web-prod", "dep-9", 0)], neverSubmitted.Effects);
        Assert.Empty(neverSubmitted.Events);
        Assert.Contains(afterTheEnd.Effects, e => e is DeploymentEffect.ReleaseLineage);
        Assert.Equal(DeploymentStatus.Aborted, ended.State.Status);
    }

    [Fact]
    public void Blue_green_rollback_after_the_swap_restores_prod_on_the_blue_group_before_removing_the_new_one()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.BlueGreen(), SampleLineages.Inventory([SampleLineages.Member(1, 3, blue: true)], blueGreen: true));
        driver.SucceedUntil(step => step.Step.Action is ResizeAsg { Asg: "web__prod__1" });

        driver.Fail();

        Assert.Equal(
            [
                "resize/web__prod__1", "attach-routes/web__prod__1", "wait-steady/web__prod__1", "put-policies/web__prod__1", "tag-asg/web__prod__1",
                "detach-routes/web__prod__2", "wait-deregistered/web__prod__2", "tag-asg/web__prod__2",
                "resize/web__prod__2", "wait-steady/web__prod__2", "delete-asg/web__prod__2",
            ],
            driver.State.RollbackSteps.Select(s => s.Id["dep-1/rollback/".Length..]));
    }

    [Fact]
    public void Blue_green_rollback_before_the_swap_leaves_the_blue_group_alone()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.BlueGreen(), SampleLineages.Inventory([SampleLineages.Member(1, 3, blue: true)], blueGreen: true));
        driver.SucceedUntil(step => step.Step.Action is WaitSteady);

        driver.Fail(StepFailureKind.DeadlinePassed, "unhealthy in stage");

        Assert.DoesNotContain(driver.State.RollbackSteps, s => s.Id.EndsWith("web__prod__1", StringComparison.Ordinal));
    }

    [Fact]
    public void Tearing_down_the_new_group_acts_only_on_a_group_this_deployment_created()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is CreateAsg);

        driver.Fail(StepFailureKind.NonRetryable, "AlreadyExists: a group named web__prod__3 exists without this deployment's tag");

        var teardown = driver.State.RollbackSteps.Select(s => s.Action).Where(a => a.Target == "web__prod__3").ToList();
        Assert.Equal(3, teardown.Count);
        Assert.All(teardown, a => Assert.Equal("dep-1", a switch
        {
            ResizeAsg r => r.OwnedBy,
            WaitSteady w => w.OwnedBy,
            DeleteAsg d => d.OwnedBy,
            _ => null,
        }));
    }

    [Fact]
    public void A_deployment_the_lineage_will_not_queue_fails_instead_of_waiting_forever()
    {
        var driver = new DeploymentDriver();
        driver.Submit(SampleSpecs.Basic());

        var decision = driver.Feed(new DeploymentInput.LineageDenied("20 deployments already wait for lineage 'web-prod', where dep-0 is running", driver.Now));

        Assert.Equal(DeploymentStatus.Failed, driver.State.Status);
        Assert.Contains("dep-0 is running", driver.State.FailureReason, StringComparison.Ordinal);
        Assert.Contains(decision.Effects, e => e is DeploymentEffect.ReleaseLineage);
    }

    [Fact]
    public void A_grant_for_another_lineage_is_ignored()
    {
        var driver = new DeploymentDriver();
        driver.Submit(SampleSpecs.Basic());

        var decision = driver.Feed(new DeploymentInput.LineageGranted("web-stage", 0, driver.Now));

        Assert.Equal(Decision<IDeploymentEvent, DeploymentEffect>.None, decision);
        Assert.Equal(DeploymentStatus.Queued, driver.State.Status);
    }

    [Fact]
    public void An_approval_naming_another_gate_is_refused()
    {
        var spec = SampleSpecs.Canary(50, 100) with
        {
            Strategy = SampleSpecs.Canary().Strategy with
            {
                Phases =
                [
                    new PhaseSpec { Percent = 50, Gates = new GatesSpec { ManualApproval = true } },
                    new PhaseSpec { Percent = 100, Gates = new GatesSpec { ManualApproval = true } },
                ],
            },
        };
        var driver = new DeploymentDriver();
        driver.StartWith(spec, RunningLineage);
        driver.SucceedUntil(step => step.Step.Action is AwaitApproval);
        var firstGate = driver.InFlight.Step.Id;
        driver.Feed(new DeploymentInput.Approve("bob", driver.Now, firstGate));
        driver.SucceedUntil(step => step.Step.Action is AwaitApproval);

        var stale = driver.Feed(new DeploymentInput.Approve("bob", driver.Now, firstGate));

        Assert.Empty(stale.Events);
        Assert.False(stale.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Accepted);
        Assert.Equal(DeploymentStatus.AwaitingApproval, driver.State.Status);
    }

    [Fact]
    public void An_abort_that_arrives_during_the_last_rollback_step_still_ends_rolled_back()
    {
        var driver = new DeploymentDriver();
        driver.StartWith(SampleSpecs.Basic(), RunningLineage);
        driver.SucceedUntil(step => step.Step.Stage == StepStage.Deploy);
        driver.Fail();
        driver.SucceedUntil(step => step.Step.Action is DeleteAsg);

        driver.Feed(new DeploymentInput.Abort("erin", "enough", driver.Now));
        driver.Succeed();

        Assert.Equal(DeploymentStatus.RolledBack, driver.State.Status);
    }

    [Fact]
    public void A_rollback_of_a_deployment_that_changed_nothing_is_refused()
    {
        var driver = new DeploymentDriver();
        driver.Submit(SampleSpecs.Basic());
        driver.Grant();
        driver.Fail(StepFailureKind.NonRetryable, "base ASG not found");

        var decision = driver.Feed(new DeploymentInput.RequestRollback("dave", "clean up", driver.Now));

        Assert.Empty(decision.Events);
        Assert.Contains("nothing to roll back", decision.Effects.OfType<DeploymentEffect.Reply>().Single().Answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadlines_beyond_the_calendar_saturate_instead_of_throwing()
    {
        // Validation bounds durations; a spec from an older release might not have been, and Decide must not throw on it.
        var spec = SampleSpecs.Basic() with { Timeouts = new TimeoutsSpec { SteadyState = new Duration(TimeSpan.MaxValue) } };
        var driver = new DeploymentDriver();
        driver.Feed(new DeploymentInput.Submit("dep-1", SampleSpecs.Basic(), "alice", driver.Now));
        var state = driver.State with { Spec = spec };

        var decision = Deployment.Decide(state, new DeploymentInput.LineageGranted("web-prod", 0, driver.Now));

        Assert.Equal(DateTimeOffset.MaxValue, decision.Effects.OfType<DeploymentEffect.RunStep>().Single().Step.Deadline);
    }

    [Fact]
    public void Plan_warnings_are_recorded_on_the_deployment()
    {
        var driver = new DeploymentDriver();

        driver.StartWith(SampleSpecs.Basic(), RunningLineage);

        Assert.Contains(driver.State.Warnings, w => w.Contains("$Latest", StringComparison.Ordinal));
    }
}
