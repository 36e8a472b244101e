using System.Collections.Immutable;
using System.Data.Common;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using AmiOrchestrator.Actors.Lineages;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using Microsoft.Extensions.Time.Testing;
using static AmiOrchestrator.Domain.Lineages.LineageInput;

namespace AmiOrchestrator.Actors.Tests.Lineages;

/// <summary>
/// The lineage actor on a real database, through its shard region on a node wired as in production. The same
/// specs run on every database the engine supports; a subclass says which.
/// </summary>
public abstract class LineageActorSpecs(ITestOutputHelper output)
{
    private const string LineageId = "web-prod";
    private readonly FakeTimeProvider clock = new(SampleLineages.Epoch.AddDays(30));

    /// <summary>An empty store of the subclass's database for one test.</summary>
    private protected abstract Task<PersistenceOptions> NewStoreAsync(int snapshotEvery = 100);

    /// <summary>A plain connection to the store's database, to look at rows as they are stored.</summary>
    private protected abstract DbConnection OpenDatabase(PersistenceOptions store);

    [Fact]
    public async Task Deployments_get_the_lineage_one_at_a_time_in_the_order_they_asked()
    {
        await using var node = await StartAsync(await NewStoreAsync());
        var lineage = new LineageDriver(node, new LineageRun(LineageId), clock);

        lineage.Send(new AskForTurn("dep-a", At(1)));
        lineage.Send(new AskForTurn("dep-b", At(2)));
        lineage.Send(new AskForTurn("dep-c", At(3)));
        lineage.Send(new GiveBack("dep-a", 3, At(4)));
        lineage.Send(new GiveBack("dep-b", 4, At(5)));

        lineage.AssertNothingMore();
        Assert.Equal(
            ["dep-a", "dep-b", "dep-c"],
            lineage.Model.Effects.OfType<LineageEffect.GrantTurn>().Select(g => g.DeploymentId));
        Assert.Equal(
            [new LineageEffect.QueuePosition("dep-b", 1, "dep-a"), new LineageEffect.QueuePosition("dep-c", 2, "dep-a")],
            lineage.Model.Effects.OfType<LineageEffect.QueuePosition>());
        Assert.Equal(4, lineage.Model.Effects.OfType<LineageEffect.GrantTurn>().Last().HighestRevisionEver);
    }

    [Fact]
    public async Task Admission_answers_the_asker_with_a_position_and_a_full_queue_refuses_the_asker_not_the_deployment()
    {
        await using var node = await StartAsync(await NewStoreAsync());
        var lineage = new LineageDriver(node, new LineageRun(LineageId), clock);
        lineage.Send(new AskForTurn("dep-running", At(0)));

        lineage.SendAll(Enumerable.Range(1, Lineage.MaxWaiting).Select(i => new Admit($"dep-{i:00}", At(i))));
        lineage.Send(new Admit("dep-01", At(30)));
        lineage.Send(new Admit("dep-late", At(31)));
        lineage.Send(new GiveBack("dep-running", 1, At(32)));

        lineage.AssertNothingMore();
        Assert.Contains(lineage.Model.Effects, e => e is LineageEffect.RefuseTurn { DeploymentId: "dep-late" });
        Assert.Equal("dep-01", lineage.Model.Effects.OfType<LineageEffect.GrantTurn>().Last().DeploymentId);
    }

    [Fact]
    public async Task A_new_actor_system_on_the_same_database_recovers_the_lineage_from_its_snapshot_and_journal()
    {
        var store = await NewStoreAsync(snapshotEvery: 3);
        var model = new LineageRun(LineageId);
        await using (var first = await StartAsync(store))
        {
            new LineageDriver(first, model, clock).SendAll(
            [
                new AskForTurn("dep-a", At(1)),
                new AskForTurn("dep-b", At(2)),
                new Admit("dep-c", At(3)),
                new AskForTurn("dep-d", At(4)),
                new GiveBack("dep-a", 3, At(5)),
                new AskForRollbackTurn("dep-a", At(6)),
                new GiveBack("dep-b", 5, At(7)),
            ]);
        }

        await using var second = await StartAsync(store);
        var recovered = Read(second, fromSnapshot: true);
        var everything = Read(second, fromSnapshot: false);

        var snapshot = Assert.IsType<LineageState>(recovered.Snapshot);
        Assert.Equal(model.State, recovered.Events.Cast<ILineageEvent>().Aggregate(snapshot, Lineage.Evolve));
        Assert.Equal(model.Events, everything.Events);
        // Nothing was sent to the new system yet: what it answers now comes from what it recovered.
        var lineage = new LineageDriver(second, model, clock);
        lineage.Send(new AskForTurn("dep-d", At(8)));
        lineage.Send(new GiveBack("dep-c", 6, At(9)));
        lineage.AssertNothingMore();
        Assert.Equal(new LineageEffect.GrantTurn("dep-d", LineageId, 6), model.Effects[^1]);
    }

    [Fact]
    public async Task Events_are_tagged_by_kind_in_the_journal_row_and_read_back_by_tag()
    {
        var store = await NewStoreAsync();
        await using var node = await StartAsync(store);
        var lineage = new LineageDriver(node, new LineageRun(LineageId), clock);
        lineage.SendAll([new AskForTurn("dep-a", At(1)), new AskForTurn("dep-b", At(2)), new GiveBack("dep-a", 1, At(3))]);
        var submitted = new DeploymentSubmitted("dep-a", SampleSpecs.Basic(), "alice", At(0));
        var writer = node.System.ActorOf(Props.Create(() => new EventWriter("deployment-dep-a")));
        var written = node.Kit.CreateTestProbe();
        writer.Tell(submitted, written.Ref);
        written.ExpectMsg<EventWriter.Written>(TimeSpan.FromSeconds(15));

        var byLineageTag = await CurrentEventsByTag(node, "lineage");
        var byDeploymentTag = await CurrentEventsByTag(node, "deployment");

        Assert.Equal(lineage.Model.Events, byLineageTag.Select(e => e.Event));
        Assert.All(byLineageTag, e => Assert.Equal(LineageActor.PersistenceIdOf(LineageId), e.PersistenceId));
        Assert.Equal([submitted], byDeploymentTag.Select(e => e.Event));
        // Sharding's own rows (the deployment region's remembered shards, under /system/...) carry no tag.
        Assert.Equal(
            [(LineageActor.PersistenceIdOf(LineageId), "lineage"), ("deployment-dep-a", "deployment")],
            (await StoredTags(store)).Where(row => !row.PersistenceId.StartsWith('/')).Distinct());
        Assert.All((await StoredTags(store)).Where(row => row.PersistenceId.StartsWith('/')), row => Assert.Equal("", row.Tags));
    }

    private protected Task<EngineNode> StartAsync(PersistenceOptions store) => EngineNode.StartAsync(store, output, clock);

    private static DateTimeOffset At(int minute) => SampleLineages.Epoch.AddMinutes(minute);

    private static JournalReader.Recovered Read(EngineNode node, bool fromSnapshot)
    {
        var reply = node.Kit.CreateTestProbe();
        node.System.ActorOf(JournalReader.Props(LineageActor.PersistenceIdOf(LineageId), reply.Ref, fromSnapshot));
        return reply.ExpectMsg<JournalReader.Recovered>(TimeSpan.FromSeconds(15));
    }

    private static Task<IImmutableList<EventEnvelope>> CurrentEventsByTag(EngineNode node, string tag) =>
        PersistenceQuery.Get(node.System)
            .ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentEventsByTag(tag, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), node.System.Materializer());

    /// <summary>The tags column as stored, with the separators stripped, per persistence id.</summary>
    private async Task<List<(string PersistenceId, string Tags)>> StoredTags(PersistenceOptions store)
    {
        await using var connection = OpenDatabase(store);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, tags FROM journal ORDER BY ordering";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1).Trim(';')));
        return rows;
    }

    /// <summary>Persists whatever it is sent, as an entity of another kind would, and says when it is written.</summary>
    private sealed class EventWriter : ReceivePersistentActor
    {
        public EventWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            CommandAny(message =>
            {
                var sender = Sender;
                Persist(message, _ => sender.Tell(new Written()));
            });
        }

        public override string PersistenceId { get; }

        public sealed record Written;
    }
}
