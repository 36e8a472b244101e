using System.Diagnostics;
using Akka.Actor;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>
/// The read model on a real database, projected by the singleton of a node wired as in production from journals that
/// the state machine produced and a persistent actor wrote. The same specs run on every database the engine supports;
/// a subclass says which.
/// </summary>
public abstract class ReadModelSpecs(ITestOutputHelper output)
{
    private static readonly TimeSpan CatchUpPatience = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Monday = SampleLineages.Epoch.AddDays(4);

    /// <summary>An empty store of the subclass's database for one test.</summary>
    private protected abstract Task<PersistenceOptions> NewStoreAsync();

    [Fact]
    public async Task Every_kind_of_deployment_becomes_a_summary_a_step_timeline_and_lineage_history()
    {
        var store = await NewStoreAsync();
        var scripts = SampleDeployments.All("", Monday);
        await using var node = await StartAsync(store);
        var readModel = ReadModelHosting.DeploymentReadModel(store);

        await DeploymentJournal.WriteAsync(node, scripts);
        await CaughtUpAsync(readModel);

        foreach (var script in scripts)
            await AssertMirrorsTheStateMachineAsync(readModel, script);
        var basic = (await readModel.GetAsync("basic"))!;
        Assert.Equal((DeploymentStatus.Succeeded, 1, 1, SampleDeployments.GroupName(3), SampleDeployments.GroupName(2)),
            (basic.Summary.Status, basic.Summary.Phase, basic.Summary.PhaseCount, basic.Summary.NewAsg, basic.Summary.PreviousAsg));
        Assert.All(basic.Steps, step => Assert.Equal((StepOutcomeKind.Succeeded, TimeSpan.FromSeconds(1)), (step.Outcome!.Value, step.Duration!.Value)));

        var canary = (await readModel.GetAsync("canary"))!;
        Assert.Equal((2, 2), (canary.Summary.Phase, canary.Summary.PhaseCount));
        Assert.Equal("approved by bob", Assert.Single(canary.Steps, s => s.Action == "approval").Detail);

        var blueGreen = (await readModel.GetAsync("blue-green"))!;
        Assert.Equal((2, 2), (blueGreen.Summary.Phase, blueGreen.Summary.PhaseCount));
        Assert.Contains(blueGreen.Steps, s => s is { Stage: StepStage.Swap, Action: "tag-asg", Outcome: StepOutcomeKind.Succeeded });

        var failed = (await readModel.GetAsync("failed"))!;
        var timedOut = Assert.Single(failed.Steps, s => s.Outcome == StepOutcomeKind.Failed);
        Assert.Equal((StepFailureKind.DeadlinePassed, "2 of 4 instances healthy when the deadline passed", false), (timedOut.FailureKind!.Value, timedOut.FailureMessage, timedOut.Tolerated));
        Assert.Equal((DeploymentStatus.Failed, (string?)null), (failed.Summary.Status, failed.Summary.CurrentStepId));
        Assert.Contains(timedOut.StepId, failed.Summary.FailureReason, StringComparison.Ordinal);

        var rolledBack = (await readModel.GetAsync("rolled-back"))!;
        Assert.Equal("InsufficientInstanceCapacity", Assert.Single(rolledBack.Steps, s => s.Outcome == StepOutcomeKind.Failed).FailureCode);
        Assert.Contains(rolledBack.Steps, s => s.Stage == StepStage.Rollback);
        Assert.All(rolledBack.Steps.Where(s => s.Stage == StepStage.Rollback), s => Assert.Equal(StepOutcomeKind.Succeeded, s.Outcome));

        var aborted = (await readModel.GetAsync("aborted"))!;
        var cancelled = Assert.Single(aborted.Steps, s => s.Outcome == StepOutcomeKind.Cancelled);
        Assert.Equal(("wait-steady", "abort requested by ops: stop"), (cancelled.Action, cancelled.Detail));

        var cleanup = (await readModel.GetAsync("cleanup"))!;
        var drain = Assert.Single(cleanup.Steps, s => s.Outcome == StepOutcomeKind.Failed);
        Assert.Equal((DeploymentStatus.Succeeded, true), (cleanup.Summary.Status, drain.Tolerated));
        Assert.Contains(cleanup.Warnings, w => w.StartsWith(drain.StepId + ": ", StringComparison.Ordinal));
        Assert.Equal(basic.Warnings.Count + 2, cleanup.Warnings.Count);

        var queued = (await readModel.GetAsync("queued"))!;
        Assert.Equal((DeploymentStatus.Queued, (int?)null, (int?)null), (queued.Summary.Status, queued.Summary.Phase, queued.Summary.PhaseCount));
        Assert.Empty(queued.Steps);
        Assert.Null(await readModel.GetAsync("never-submitted"));
    }

    [Fact]
    public async Task A_lineage_shows_its_groups_newest_first_with_every_capacity_a_deployment_observed_or_set()
    {
        var store = await NewStoreAsync();
        var scripts = new[] { SampleDeployments.Basic("basic", "web", Monday), SampleDeployments.RolledBack("rolled-back", "shop", Monday) };
        await using var node = await StartAsync(store);
        var readModel = ReadModelHosting.DeploymentReadModel(store);

        await DeploymentJournal.WriteAsync(node, scripts);
        await CaughtUpAsync(readModel);
        var web = await readModel.GetLineageAsync("web");
        var shop = await readModel.GetLineageAsync("shop");

        Assert.Equal([3, 2, 1], web.Groups.Select(g => g.Revision));
        var (created, previous, older) = (web.Groups[0], web.Groups[1], web.Groups[2]);
        Assert.Equal(("basic", GroupRole.New, 1, 4, 8), (created.CreatedBy, created.LastRole, created.MinSize, created.DesiredCapacity, created.MaxSize));
        Assert.Equal(
            [(GroupChangeKind.Created, 0, 0, (int?)8), (GroupChangeKind.Resized, 1, 4, null)],
            created.Changes.Select(c => (c.Kind, c.MinSize!.Value, c.DesiredCapacity!.Value, c.MaxSize)));
        Assert.Equal((GroupRole.Previous, 0, 0, 8), (previous.LastRole, previous.MinSize, previous.DesiredCapacity, previous.MaxSize));
        Assert.Equal(
            [(GroupChangeKind.Observed, 1, 4, (int?)8), (GroupChangeKind.Resized, 0, 0, null)],
            previous.Changes.Select(c => (c.Kind, c.MinSize!.Value, c.DesiredCapacity!.Value, c.MaxSize)));
        Assert.Equal([GroupChangeKind.Observed], older.Changes.Select(c => c.Kind));
        Assert.Equal(GroupRole.Older, older.LastRole);
        Assert.All(web.Groups, g => Assert.Null(g.DeletedAt));

        var (removed, restored) = (shop.Groups[0], shop.Groups[1]);
        Assert.Equal(("rolled-back", "rolled-back"), (removed.CreatedBy, removed.DeletedBy));
        Assert.Equal(GroupChangeKind.Deleted, removed.Changes[^1].Kind);
        Assert.Equal((1, 4, 8), (restored.MinSize!.Value, restored.DesiredCapacity!.Value, restored.MaxSize!.Value));
        Assert.Empty((await readModel.GetLineageAsync("no-such-lineage")).Groups);
    }

    [Fact]
    public async Task A_projection_killed_again_and_again_mid_stream_leaves_no_row_missing_and_none_twice()
    {
        var store = await NewStoreAsync();
        var scripts = Enumerable.Range(0, 50).Select(i => SampleDeployments.Any(i, $"dep-{i:000}", $"lineage-{i % 10}", Monday.AddMinutes(i))).ToList();
        await using var node = await StartAsync(store);
        var readModel = ReadModelHosting.DeploymentReadModel(store);

        var writing = Task.Run(async () =>
        {
            foreach (var chunk in scripts.Chunk(5))
                await DeploymentJournal.WriteAsync(node, chunk);
        });
        var lastOffset = 0L;
        for (var kill = 0; kill < 2; kill++)
        {
            // Each kill waits for the (restarted) projection to commit a batch, unless it has nothing left to do.
            await Poll.UntilAsync(
                async () => await readModel.GetStatusAsync() is var status && (status.ProjectedOffset > lastOffset || (writing.IsCompleted && status.Lag == 0)),
                CatchUpPatience,
                "the projection moved on");
            var before = await readModel.GetStatusAsync();
            lastOffset = before.ProjectedOffset;
            (await ProjectionAsync(node)).Tell(Kill.Instance);
            output.WriteLine($"killed the projection at offset {lastOffset} with the journal's head at {before.HeadOffset}");
        }
        await writing;
        await CaughtUpAsync(readModel);

        var counts = await ReadModelTables.JournalEventCountsAsync(store);
        foreach (var script in scripts)
        {
            Assert.Equal(script.EventCount, counts[script.DeploymentId]);
            await AssertMirrorsTheStateMachineAsync(readModel, script);
        }
        var projected = await ReadModelTables.DumpAsync(store);
        await RebuildAsync(node);
        Assert.Equal(projected, await ReadModelTables.DumpAsync(store));
    }

    [Fact]
    public async Task A_new_actor_system_on_the_same_database_catches_up_where_the_last_one_stopped()
    {
        var store = await NewStoreAsync();
        var first = Enumerable.Range(0, 30).Select(i => SampleDeployments.Any(i, $"first-{i:00}", $"lineage-{i % 5}", Monday.AddMinutes(i))).ToList();
        var second = SampleDeployments.All("second-", Monday.AddDays(1));
        ProjectionStatus stopped;
        await using (var node = await StartAsync(store))
        {
            await DeploymentJournal.WriteAsync(node, first);
            stopped = await ReadModelHosting.DeploymentReadModel(store).GetStatusAsync();
        }
        output.WriteLine($"the first node stopped with the read model at offset {stopped.ProjectedOffset} of {stopped.HeadOffset}");

        await using var again = await StartAsync(store);
        var readModel = ReadModelHosting.DeploymentReadModel(store);
        await DeploymentJournal.WriteAsync(again, second);
        await CaughtUpAsync(readModel);

        foreach (var script in first.Concat(second))
            await AssertMirrorsTheStateMachineAsync(readModel, script);
        var projected = await ReadModelTables.DumpAsync(store);
        await RebuildAsync(again);
        Assert.Equal(projected, await ReadModelTables.DumpAsync(store));
    }

    [Fact]
    public async Task A_rebuild_empties_the_tables_and_replays_the_journal_into_exactly_the_same_rows()
    {
        var store = await NewStoreAsync();
        await using var node = await StartAsync(store);
        var readModel = ReadModelHosting.DeploymentReadModel(store);
        await DeploymentJournal.WriteAsync(node, SampleDeployments.All("", Monday));
        // Two deployments of one lineage, so the lineage's rows merge what both recorded.
        await DeploymentJournal.WriteAsync(node, [SampleDeployments.Basic("again-1", "shared", Monday), SampleDeployments.RolledBack("again-2", "shared", Monday.AddHours(1))]);
        await CaughtUpAsync(readModel);
        var projected = await ReadModelTables.DumpAsync(store);

        var started = await RebuildAsync(node);

        Assert.Equal(projected, await ReadModelTables.DumpAsync(store));
        Assert.True(started.HeadOffset >= projected["deployment_summary"].Count, "the rebuild reported the journal's head");
    }

    [Fact]
    public async Task The_list_filters_by_status_service_lineage_and_submission_time_newest_first()
    {
        var store = await NewStoreAsync();
        var scripts = SampleDeployments.All("", Monday).ToList();
        scripts.Add(new DeploymentScript("api", SampleDeployments.Spec("api-lineage") with { Service = SampleSpecs.Basic().Service with { Name = "api" } }, SampleLineages.Inventory([], false), Monday.AddHours(2)));
        await using var node = await StartAsync(store);
        var readModel = ReadModelHosting.DeploymentReadModel(store);
        await DeploymentJournal.WriteAsync(node, scripts);
        await CaughtUpAsync(readModel);

        async Task<IEnumerable<string>> Ids(DeploymentListQuery query) => (await readModel.ListAsync(query)).Page!.Deployments.Select(d => d.DeploymentId);

        Assert.Equal(["api", "queued", "cleanup", "aborted", "rolled-back", "failed", "blue-green", "canary", "basic"], await Ids(new DeploymentListQuery()));
        Assert.Equal(["rolled-back", "failed"], await Ids(new DeploymentListQuery { Statuses = ["failed", "RolledBack"] }));
        Assert.Equal(["api"], await Ids(new DeploymentListQuery { Service = "api" }));
        Assert.Equal(["canary"], await Ids(new DeploymentListQuery { Lineage = "canary-lineage" }));
        Assert.Equal(["aborted", "rolled-back", "failed"], await Ids(new DeploymentListQuery { SubmittedFrom = Monday.AddMinutes(3), SubmittedBefore = Monday.AddMinutes(6) }));
        Assert.Equal(["api", "queued"], await Ids(new DeploymentListQuery { Statuses = ["queued"], SubmittedFrom = Monday }));
        Assert.Empty(await Ids(new DeploymentListQuery { Service = "web", Statuses = ["swapping"] }));
    }

    [Fact]
    public async Task Paging_with_the_cursor_shows_every_deployment_exactly_once_while_new_ones_arrive()
    {
        var store = await NewStoreAsync();
        // Deployments two at a time share a submission time, so a page boundary falls between equal times too.
        var existing = Enumerable.Range(0, 25).Select(i => SampleDeployments.Queued($"dep-{i:00}", "lineage", Monday.AddMinutes(i / 2))).ToList();
        await using var node = await StartAsync(store);
        var readModel = ReadModelHosting.DeploymentReadModel(store);
        await DeploymentJournal.WriteAsync(node, existing);
        await CaughtUpAsync(readModel);

        var seen = new List<string>();
        var query = new DeploymentListQuery { Statuses = ["queued"], Limit = 4 };
        for (var page = 0; ; page++)
        {
            var result = await readModel.ListAsync(query);
            Assert.Empty(result.Problems);
            seen.AddRange(result.Page!.Deployments.Select(d => d.DeploymentId));
            if (result.Page.NextCursor is null)
                break;
            // Newer deployments (and one submitted at the very time of the page's last) arrive between pages.
            await DeploymentJournal.WriteAsync(node, [SampleDeployments.Queued($"new-{page:00}", "lineage", Monday.AddDays(1).AddMinutes(page)), SampleDeployments.Queued($"same-{page:00}", "lineage", result.Page.Deployments[^1].SubmittedAt.AddSeconds(-1))]);
            await CaughtUpAsync(readModel);
            query = query with { Cursor = result.Page.NextCursor, Limit = page % 2 == 0 ? 3 : 5 };
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(existing.Select(s => s.DeploymentId).OrderDescending(StringComparer.Ordinal), seen.Where(id => id.StartsWith("dep-", StringComparison.Ordinal)));
        Assert.DoesNotContain(seen, id => id.StartsWith("new-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_filters_and_cursors_are_answered_with_problems_that_name_the_field()
    {
        var readModel = ReadModelHosting.DeploymentReadModel(await NewStoreAsync());

        var refused = await readModel.ListAsync(new DeploymentListQuery
        {
            Statuses = ["failed", "runing"],
            Service = " ",
            SubmittedFrom = Monday,
            SubmittedBefore = Monday,
            Limit = 0,
            Cursor = "not a cursor",
        });

        Assert.Null(refused.Page);
        Assert.Equal(["status", "service", "submittedBefore", "limit", "cursor"], refused.Problems.Select(p => p.Field));
        Assert.Contains("'runing' is not one of queued, settingUp", refused.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lag_under_a_load_of_concurrent_deployments_is_measured_and_reported_on_the_meter()
    {
        var store = await NewStoreAsync();
        var scripts = Enumerable.Range(0, 200).Select(i => SampleDeployments.Any(i, $"load-{i:000}", $"load-{i % 20}", Monday.AddSeconds(i))).ToList();
        var events = scripts.Sum(s => s.EventCount);
        await using var node = await StartAsync(store);
        var readModel = ReadModelHosting.DeploymentReadModel(store);
        using var meter = new ProjectionMeterReader(node);
        await CaughtUpAsync(readModel);

        var watch = Stopwatch.StartNew();
        var worst = TimeSpan.Zero;
        var maxLag = 0L;
        var writing = DeploymentJournal.WriteAsync(node, scripts);
        while (!writing.IsCompleted)
        {
            var status = await readModel.GetStatusAsync();
            worst = status.TimeBehind > worst ? status.TimeBehind : worst;
            maxLag = Math.Max(maxLag, status.Lag);
            await Task.WhenAny(writing, Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System));
        }
        await writing;
        var written = watch.Elapsed;
        await CaughtUpAsync(readModel);
        var projected = watch.Elapsed;

        output.WriteLine($"{GetType().Name}: {scripts.Count} deployments, {events} events ({events / (double)scripts.Count:F0} each, {scripts.Sum(s => s.Writes.Count)} journal writes) written concurrently in {written.TotalSeconds:F2} s ({events / written.TotalSeconds:F0} events/s)");
        output.WriteLine($"projected {(projected - written).TotalMilliseconds:F0} ms after the last write; whole run {projected.TotalSeconds:F2} s ({events / projected.TotalSeconds:F0} events/s)");
        output.WriteLine($"while writing: largest lag {maxLag} offsets, longest time behind {worst.TotalMilliseconds:F0} ms");
        output.WriteLine($"meter: {meter.Events} events counted in {meter.Batches} batches (mean {meter.Events / (double)Math.Max(1, meter.Batches):F0} per batch, mean commit {meter.MeanBatchSeconds * 1000:F1} ms)");
        foreach (var script in scripts.Where((_, i) => i % 25 == 0))
            await AssertMirrorsTheStateMachineAsync(readModel, script);
        Assert.Equal(events, meter.Events);
        await Poll.UntilAsync(() => meter.Lag == 0 && meter.LagObserved, because: "the lag gauge reads 0 once the projection has caught up");

        // Latency when idle: one deployment submitted at a time, timed until the read model lists it (polled every 20 ms).
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var single = SampleDeployments.Queued($"single-{i}", "single", Monday.AddDays(1).AddMinutes(i));
            var submitted = Stopwatch.StartNew();
            await DeploymentJournal.WriteAsync(node, [single]);
            await Poll.UntilAsync(async () => await readModel.GetAsync(single.DeploymentId) is not null, CatchUpPatience, "the single deployment was projected");
            latencies.Add(submitted.Elapsed);
        }
        latencies.Sort();
        output.WriteLine($"{GetType().Name}: idle latency, write to readable, 10 single deployments: min {latencies[0].TotalMilliseconds:F0} ms, median {latencies[5].TotalMilliseconds:F0} ms, max {latencies[^1].TotalMilliseconds:F0} ms");

        var rebuilding = Stopwatch.StartNew();
        await RebuildAsync(node);
        output.WriteLine($"{GetType().Name}: rebuilt {events + latencies.Count} events in {rebuilding.ElapsedMilliseconds} ms ({(events + latencies.Count) / rebuilding.Elapsed.TotalSeconds:F0} events/s)");
    }

    private protected Task<EngineNode> StartAsync(PersistenceOptions store) => EngineNode.StartAsync(store, output);

    /// <summary>The summary and timeline of <paramref name="script"/>'s deployment say what its final state says.</summary>
    private static async Task AssertMirrorsTheStateMachineAsync(IDeploymentReadModel readModel, DeploymentScript script)
    {
        var detail = await readModel.GetAsync(script.DeploymentId);
        Assert.NotNull(detail);
        var (summary, state) = (detail.Summary, script.State);
        Assert.Equal(
            (state.Status, state.SubmittedAt, state.StartedAt, state.EndedAt, state.FailureReason, state.Plan?.NewAsgName, state.Plan?.Previous?.Name, state.InFlight?.Step.Id),
            (summary.Status, (DateTimeOffset?)summary.SubmittedAt, summary.StartedAt, summary.EndedAt, summary.FailureReason, summary.NewAsg, summary.PreviousAsg, summary.CurrentStepId));
        Assert.Equal((script.Spec.Infrastructure.Id, script.Spec.Service.Name, (long)script.EventCount, script.Events.Last().At), (summary.LineageId, summary.Service, summary.LastSequenceNr, summary.LastChangedAt));
        Assert.Equal(state.Warnings, detail.Warnings);
        Assert.Equal(state.Warnings.Count, summary.WarningCount);
        Assert.Equal(script.Events.OfType<StepStarted>().Select(s => s.Step.Id), detail.Steps.Select(s => s.StepId));
        Assert.All(detail.Steps.Where(s => s.StepId != state.InFlight?.Step.Id), s => Assert.NotNull(s.Outcome));
    }

    private static async Task CaughtUpAsync(IDeploymentReadModel readModel) =>
        await Poll.UntilAsync(async () => (await readModel.GetStatusAsync()).Lag == 0, CatchUpPatience, "the read model reached the journal's newest deployment event");

    /// <summary>
    /// The projection actor, once it runs: after a kill its supervisor starts it again after a backoff, and a batch the
    /// killed one committed late makes the new one start again too.
    /// </summary>
    private static async Task<IActorRef> ProjectionAsync(EngineNode node)
    {
        var path = $"/user/{ReadModelHosting.SingletonName}/{ReadModelHosting.SingletonName}/projection";
        IActorRef? projection = null;
        await Poll.UntilAsync(
            async () =>
            {
                var identity = await node.System.ActorSelection(path).Ask<ActorIdentity>(new Identify(path), TimeSpan.FromSeconds(5));
                projection = identity.Subject;
                return projection is not null;
            },
            CatchUpPatience,
            "the projection is running");
        return projection!;
    }

    private async Task<ReadModelProtocol.RebuildStarted> RebuildAsync(EngineNode node)
    {
        var watch = Stopwatch.StartNew();
        var started = await node.Registry.Get<ReadModelProjection>().Ask<ReadModelProtocol.RebuildStarted>(new ReadModelProtocol.Rebuild("test"), TimeSpan.FromSeconds(30));
        var projection = node.Registry.Get<ReadModelProjection>();
        await Poll.UntilAsync(
            async () => (await projection.Ask<ProjectionStatus>(ReadModelProtocol.GetProjectionStatus.Instance, TimeSpan.FromSeconds(10))).ProjectedOffset >= started.HeadOffset,
            CatchUpPatience,
            "the rebuild caught up");
        output.WriteLine($"rebuilt the read model up to offset {started.HeadOffset} in {watch.ElapsedMilliseconds} ms");
        return started;
    }
}
