using System.Text.Json;
using AmiOrchestrator.Actors.Lineages;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.Serialization;
using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static AmiOrchestrator.Domain.Lineages.LineageInput;

namespace AmiOrchestrator.Actors.Tests.Golden;

/// <summary>
/// Records a golden journal from a real run of the lineage actor on SQLite and checks that the recording replays to
/// the live state. Run with <c>AMI_RECORD_GOLDEN=1</c>, it also adds the recording to the committed golden files
/// (never over one that exists: a committed golden file is never edited).
/// </summary>
public sealed class GoldenJournalRecordingTests(ITestOutputHelper output) : IDisposable
{
    private const string LineageId = "web-prod";
    private const string GoldenName = "fifo-queue-and-rollback-turn";
    private readonly TestFolder folder = new();
    private readonly FakeTimeProvider clock = new(SampleLineages.Epoch);

    /// <summary>Every lineage event kind: admissions, turns taken in FIFO order, give-backs, and a rollback turn refused and one granted.</summary>
    private static IEnumerable<LineageInput> Scenario =>
    [
        new AskForTurn("dep-a", At(1)),
        new AskForTurn("dep-b", At(2)),
        new Admit("dep-c", At(3)),
        new GiveBack("dep-a", 3, At(10)),
        new AskForRollbackTurn("dep-a", At(11)),
        new GiveBack("dep-b", 4, At(20)),
        new AskForTurn("dep-c", At(21)),
        new GiveBack("dep-c", 5, At(30)),
        new AskForRollbackTurn("dep-c", At(31)),
        new GiveBack("dep-c", 5, At(40)),
    ];

    [Fact]
    public async Task A_lineage_run_on_sqlite_records_a_journal_that_replays_to_its_live_state()
    {
        var store = new PersistenceOptions { SqlitePath = folder.File("engine.db") };
        var model = new LineageRun(LineageId);
        await using var node = await EngineNode.StartAsync(store, output, clock);
        var lineage = new LineageDriver(node, model, clock);
        lineage.SendAll(Scenario);
        await lineage.JournalCaughtUpAsync();
        var serializer = (AmiOrchestratorSerializer)node.System.Serialization.FindSerializerForType(typeof(LineageState));

        await using var database = new SqliteConnection($"Data Source={store.SqlitePath}");
        var entries = await GoldenJournalRecorder.ReadAsync(database, LineageActor.PersistenceIdOf(LineageId));
        using var state = JsonDocument.Parse(serializer.ToBinary(model.State));
        var recorded = folder.File(GoldenName + GoldenJournal.JournalExtension);
        GoldenJournal.Write(recorded, entries, new GoldenJournal.Expectation(serializer.Manifest(model.State), state.RootElement));

        var replayed = GoldenJournal.ReadJournal(recorded).Select(e => serializer.FromBinary(e.Payload, e.Manifest)).ToList();
        Assert.Equal(model.Events, replayed);
        Assert.Equal(model.State, GoldenJournal.Fold(LineageActor.PersistenceIdOf(LineageId), replayed));
        Assert.Equal(["deployment-admitted.v1", "lineage-given-back.v1", "lineage-taken.v1"], entries.Select(e => e.Manifest).Distinct().Order(StringComparer.Ordinal));
        GoldenJournal.KeepWhenAsked(recorded, "lineage", output);
    }

    public void Dispose() => folder.Dispose();

    private static DateTimeOffset At(int minute) => SampleLineages.Epoch.AddMinutes(minute);
}
