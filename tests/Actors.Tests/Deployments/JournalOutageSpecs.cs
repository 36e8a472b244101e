using System.Diagnostics;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.TestSupport.Cloud;

namespace AmiOrchestrator.Actors.Tests.Deployments;

/// <summary>
/// The journal fails in the middle of a phase. A failed write stops the deployment (Akka cannot know whether it was
/// written); sharding starts it again after its restart back-off, its replay fails while the journal is down, and it
/// stops again: a retry every back-off, never a hot loop. Once the journal is back the deployment recovers, runs the
/// step whose outcome was lost again, and succeeds, with every event written once and none lost.
/// </summary>
public sealed class JournalOutageSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    // The tests' nodes restart a stopped remembered entity after 1 s (DeploymentEngine's settings).
    private static readonly TimeSpan RestartBackoff = TimeSpan.FromSeconds(1);

    private readonly OutagePlan outage = new();
    private DeploymentEngine engine = null!;

    public async Task InitializeAsync() => engine = await DeploymentEngine.StartAsync(
        output,
        configure: akka => akka.AddHocon(FaultyJournal.Hocon, HoconAddMode.Prepend),
        beforeStart: connectionString => FaultyJournal.Arm(connectionString, outage));

    public async Task DisposeAsync()
    {
        FaultyJournal.Disarm(engine.ConnectionString);
        await engine.DisposeAsync();
    }

    [Fact]
    public async Task A_journal_outage_mid_phase_is_waited_out_with_no_event_lost_or_written_twice_and_no_restart_loop()
    {
        Assert.True((await engine.SubmitAsync("outage-1", WebSpecs.Canary(25, 50, 100))).Accepted);
        engine.Await("outage-1", view => view.Phase == 2);

        outage.IsDown = true;
        var down = Stopwatch.StartNew();
        await Poll.UntilAsync(() => outage.RefusedWrites >= 1 && outage.RefusedReplays >= 3, TimeSpan.FromSeconds(30), "the deployment to fail a write and retry its recovery three times");
        var elapsed = down.Elapsed;
        var replays = outage.RefusedReplays;
        outage.IsDown = false;

        var state = await engine.AwaitEndInJournalAsync("outage-1", TimeSpan.FromMinutes(2));

        output.WriteLine($"outage of {elapsed.TotalSeconds:F1} s: {outage.RefusedWrites} write(s) and {replays} recovery attempt(s) refused");
        Assert.Equal(DeploymentStatus.Succeeded, state.Status);
        // One recovery per back-off at most (plus the first, at once): a hot loop would make hundreds.
        Assert.InRange(replays, 3, (int)(elapsed / RestartBackoff) + 2);
        var journal = await JournalAsync("outage-1");
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(n => (long)n), journal.Select(e => e.SequenceNr));
        var started = journal.Select(e => e.Event).OfType<StepStarted>().Select(s => s.Step.Id).ToList();
        Assert.Equal(started.Distinct().Count(), started.Count);
        var ended = journal.Select(e => e.Event).OfType<StepSucceeded>().Select(s => s.StepId).ToList();
        Assert.Equal(ended.Distinct().Count(), ended.Count);
        Assert.Equal(started, ended);
    }

    private async Task<IReadOnlyList<EventEnvelope>> JournalAsync(string deploymentId)
    {
        var journal = PersistenceQuery.Get(engine.Node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        return await journal.CurrentEventsByPersistenceId(DeploymentActor.PersistenceIdOf(deploymentId), 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), engine.Node.System.Materializer());
    }
}
