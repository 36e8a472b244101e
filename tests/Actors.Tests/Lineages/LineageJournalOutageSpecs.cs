using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using AmiOrchestrator.Actors.Lineages;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static AmiOrchestrator.Domain.Lineages.LineageInput;

namespace AmiOrchestrator.Actors.Tests.Lineages;

/// <summary>
/// A lineage through a journal that goes down and comes back: Akka.Persistence.TestKit's test journal, configured
/// in place of the SQL one on an otherwise production-wired node, with an interceptor that fails and counts writes.
/// </summary>
public sealed class LineageJournalOutageSpecs(ITestOutputHelper output) : IDisposable
{
    private const string LineageId = "web-prod";

    // Akka.Persistence.TestKit's base class for this is xunit v3 (Akka.Hosting.TestKit); its plugins work by configuration.
    private const string TestJournal = """
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.test"
        akka.persistence.snapshot-store.test {
          class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    private readonly TestFolder folder = new();
    private readonly FakeTimeProvider clock = new(SampleLineages.Epoch);

    [Fact]
    public async Task A_journal_outage_loses_and_duplicates_nothing_and_the_lineage_is_not_restarted_in_a_loop()
    {
        await using var node = await EngineNode.StartAsync(
            new PersistenceOptions { SqlitePath = folder.File("engine.db") }, output, clock, akka => akka.AddHocon(TestJournal, HoconAddMode.Prepend));
        var journal = Akka.Persistence.TestKit.TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(node.System).JournalFor(null));
        var writes = new Outage();
        var replays = new Outage();
        await journal.OnWrite.SetInterceptorAsync(writes);
        await journal.OnRecovery.SetInterceptorAsync(replays);
        var lineage = new LineageDriver(node, new LineageRun(LineageId), clock);
        lineage.Send(new AskForTurn("dep-a", At(1)));
        var (writesBefore, replaysBefore) = (writes.Attempts, replays.Attempts);

        writes.Down = true;
        node.Lineages.Tell(new ShardingEnvelope(LineageId, new AskForTurn("dep-b", At(2))), lineage.Asker.Ref);
        await Poll.UntilAsync(() => writes.Attempts == writesBefore + 1, because: "the lineage tried to write dep-b's admission");
        // Nothing asks the lineage again during the outage, so nothing should start it again: no answer, no new write, no replay.
        lineage.Asker.ExpectNoMsg(TimeSpan.FromSeconds(2));
        Assert.Equal(writesBefore + 1, writes.Attempts);
        Assert.Equal(replaysBefore, replays.Attempts);

        writes.Down = false;
        lineage.Send(new AskForTurn("dep-b", At(3)));
        lineage.Send(new AskForTurn("dep-c", At(4)));

        lineage.AssertNothingMore();
        Assert.Equal(lineage.Model.Events, Read(node).Events);
    }

    public void Dispose() => folder.Dispose();

    private static DateTimeOffset At(int minute) => SampleLineages.Epoch.AddMinutes(minute);

    private static JournalReader.Recovered Read(EngineNode node)
    {
        var reply = node.Kit.CreateTestProbe();
        node.System.ActorOf(JournalReader.Props(LineageActor.PersistenceIdOf(LineageId), reply.Ref, fromSnapshot: false));
        return reply.ExpectMsg<JournalReader.Recovered>(TimeSpan.FromSeconds(15));
    }

    /// <summary>Counts what passes through the journal and, while <see cref="Down"/>, fails it as a lost database would.</summary>
    private sealed class Outage : IJournalInterceptor
    {
        private int attempts;
        private volatile bool down;

        public int Attempts => Volatile.Read(ref attempts);

        public bool Down
        {
            set => down = value;
        }

        public Task InterceptAsync(IPersistentRepresentation message)
        {
            Interlocked.Increment(ref attempts);
            return down ? Task.FromException(new IOException("the journal's database is unreachable")) : Task.CompletedTask;
        }
    }
}
