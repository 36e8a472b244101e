using Akka.Cluster.Sharding;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.TestSupport.Cloud;

namespace AmiOrchestrator.Actors.Tests.Deployments;

/// <summary>
/// Deployments run end to end inside an engine node (sharded persistent entities, per-group children, the watcher,
/// the lineage) against the simulated region over HTTP, on a real SQLite file. What is checked is the region's own
/// state, read back over its API.
/// </summary>
public sealed class DeploymentActorSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private DeploymentEngine engine = null!;

    public async Task InitializeAsync() => engine = await DeploymentEngine.StartAsync(output);

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task A_canary_deployment_runs_to_success_inside_the_engine()
    {
        var reply = await engine.SubmitAsync("canary-1", WebSpecs.Canary(25, 50, 100));

        Assert.True(reply.Accepted, reply.Message);
        var view = engine.Await("canary-1");
        Assert.Equal(DeploymentStatus.Succeeded, view.Status);
        Assert.Equal((3, 3), (view.Phase, view.Phases));
        Assert.Equal((2, 4, 8), (view.NewGroup?.MinSize, view.NewGroup?.DesiredCapacity, view.NewGroup?.MaxSize));
        var created = await engine.Region.ExistingGroupAsync(WebRegion.NextName);
        Assert.Equal(4, created.Instances.Count(i => i.IsInServiceAndHealthy));
        Assert.Equal("canary-1", created.TagValue(LineageTags.DeploymentKey));
        Assert.Equal(0, (await engine.Region.ExistingGroupAsync(WebRegion.Previous)).DesiredCapacity);
    }

    [Fact]
    public async Task A_basic_deployment_and_a_blue_green_one_of_the_next_lineage_revision_both_succeed()
    {
        Assert.True((await engine.SubmitAsync("basic-1", WebSpecs.Basic())).Accepted);
        Assert.Equal(DeploymentStatus.Succeeded, engine.Await("basic-1").Status);

        Assert.True((await engine.SubmitAsync("bg-1", WebSpecs.BlueGreen())).Accepted);
        var view = engine.Await("bg-1");

        Assert.Equal(DeploymentStatus.Succeeded, view.Status);
        var blue = await engine.Region.ExistingGroupAsync("web__prod__4");
        Assert.Equal(LineageTags.Blue, blue.TagValue(LineageTags.BlueGreenKey));
        Assert.Equal([WebRegion.ProdTargetGroup], blue.TargetGroupArns);
        // Blue/Green's previous group is the one tagged BLUE (revision 2 in the region), not the newest one.
        var green = await engine.Region.ExistingGroupAsync(WebRegion.Previous);
        Assert.Equal(LineageTags.Green, green.TagValue(LineageTags.BlueGreenKey));
        Assert.Empty(green.TargetGroupArns);
    }

    [Fact]
    public async Task A_never_healthy_image_passes_its_deadline_and_is_rolled_back()
    {
        var spec = WebSpecs.Canary(50, 100) with
        {
            Service = WebSpecs.Basic().Service with { Ami = new() { Id = WebRegion.BrokenImage } },
            Timeouts = WebSpecs.Basic().Timeouts with { SteadyState = Domain.Common.Duration.FromMinutes(2) },
        };
        await engine.SubmitAsync("broken-1", spec);

        var view = engine.Await("broken-1");

        Assert.Equal(DeploymentStatus.RolledBack, view.Status);
        Assert.Contains("DeadlinePassed", view.FailureReason, StringComparison.Ordinal);
        var previous = await engine.Region.ExistingGroupAsync(WebRegion.Previous);
        Assert.Equal((2, 4, 8), (previous.MinSize, previous.DesiredCapacity, previous.MaxSize));
        Assert.Equal(["cpu50"], (await engine.Region.Cloud.DescribePoliciesAsync(WebRegion.Previous, default)).Select(p => p.PolicyName));
        var created = await engine.Region.GroupAsync(WebRegion.NextName);
        Assert.True(created is null || created.Status is not null, "the new group is deleted (or being deleted)");
    }

    [Fact]
    public async Task A_rollback_asked_for_mid_canary_restores_the_previous_group()
    {
        await engine.SubmitAsync("rb-1", WebSpecs.Canary(25, 50, 100));
        engine.Await("rb-1", view => view.Phase == 2);

        var reply = await engine.SendAsync("rb-1", new DeploymentInput.RequestRollback("tester", "error rate up", engine.Region.Clock.GetUtcNow()));

        Assert.True(reply.Accepted, reply.Message);
        Assert.Equal(DeploymentStatus.RolledBack, engine.Await("rb-1").Status);
        var previous = await engine.Region.ExistingGroupAsync(WebRegion.Previous);
        Assert.Equal((2, 4, 8), (previous.MinSize, previous.DesiredCapacity, previous.MaxSize));
        Assert.Equal(4, previous.Instances.Count(i => i.IsInServiceAndHealthy));
    }

    [Fact]
    public async Task An_abort_stops_every_further_change()
    {
        await engine.SubmitAsync("abort-1", WebSpecs.Canary(25, 50, 100));
        engine.Await("abort-1", view => view.Phase == 2);

        await engine.SendAsync("abort-1", new DeploymentInput.Abort("tester", "stop", engine.Region.Clock.GetUtcNow()));
        var view = engine.Await("abort-1");
        var lastRequest = engine.Region.Control.LastRequestSequence;
        // Let more than a phase's worth of simulated time pass: the engine must not call the region again, not even to look.
        await Task.Delay(TimeSpan.FromMinutes(2), engine.Region.Clock);

        Assert.Equal(DeploymentStatus.Aborted, view.Status);
        Assert.Empty(engine.Region.Control.Requests(since: lastRequest).Select(r => r.Action));
    }

    [Fact]
    public async Task An_approval_gate_waits_for_approve_and_a_reject_at_the_next_gate_rolls_back()
    {
        var gated = new Domain.Specs.GatesSpec { ManualApproval = true };
        var spec = WebSpecs.Canary(50, 100) with
        {
            Strategy = WebSpecs.Canary(50, 100).Strategy with
            {
                Phases = [.. WebSpecs.Canary(50, 100).Strategy.Phases.Select(p => p with { Gates = gated })],
            },
        };
        await engine.SubmitAsync("gate-1", spec);

        var waiting = engine.Await("gate-1", view => view.Status == DeploymentStatus.AwaitingApproval);
        var approved = await engine.SendAsync("gate-1", new DeploymentInput.Approve("alice", engine.Region.Clock.GetUtcNow(), waiting.CurrentStep));
        var second = engine.Await("gate-1", view => view.Status == DeploymentStatus.AwaitingApproval && view.CurrentStep != waiting.CurrentStep);
        var rejected = await engine.SendAsync("gate-1", new DeploymentInput.Reject("bob", "latency", engine.Region.Clock.GetUtcNow(), second.CurrentStep));

        Assert.True(approved.Accepted && rejected.Accepted);
        Assert.Equal(1, waiting.Phase);
        Assert.Equal(2, second.Phase);
        var end = engine.Await("gate-1");
        Assert.Equal(DeploymentStatus.RolledBack, end.Status);
        Assert.Contains("rejected by bob: latency", end.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_deployments_of_one_lineage_run_one_after_the_other_and_one_id_submitted_twice_is_one_deployment()
    {
        var first = await engine.SubmitAsync("seq-1", WebSpecs.Canary(50, 100));
        var again = await engine.SubmitAsync("seq-1", WebSpecs.Canary(50, 100));
        var second = await engine.SubmitAsync("seq-2", WebSpecs.Basic());

        Assert.True(first.Accepted && again.Accepted && second.Accepted);
        Assert.Contains("already submitted", again.Message, StringComparison.Ordinal);
        var queued = await engine.ViewAsync("seq-2");
        Assert.Equal(DeploymentStatus.Queued, queued.Status);
        var firstEnd = engine.Await("seq-1");
        var secondEnd = engine.Await("seq-2");
        Assert.Equal((DeploymentStatus.Succeeded, DeploymentStatus.Succeeded), (firstEnd.Status, secondEnd.Status));
        Assert.True(secondEnd.StartedAt >= firstEnd.EndedAt, "the second started only after the first ended");
        Assert.Equal(("web__prod__3", "web__prod__4"), (firstEnd.NewGroup?.Name, secondEnd.NewGroup?.Name));
    }

    [Fact]
    public async Task A_submission_that_arrives_while_a_read_of_the_unknown_id_passivates_its_entity_runs_to_the_end()
    {
        for (var i = 1; i <= 3; i++)
        {
            var id = $"race-{i}";
            // The read starts the entity for an id nobody submitted, which then asks to be passivated; the submission
            // lands in between.
            engine.Deployments.Tell(new ShardingEnvelope(id, new DeploymentProtocol.GetView()), engine.Kit.TestActor);
            var reply = await engine.SubmitAsync(id, WebSpecs.Basic());

            Assert.True(reply.Accepted, reply.Message);
            var end = engine.Await(id, within: TimeSpan.FromMinutes(2));
            Assert.True(end.Status == DeploymentStatus.Succeeded, $"{id} ended {end.Status}: {end.FailureReason}");
        }
    }
}
