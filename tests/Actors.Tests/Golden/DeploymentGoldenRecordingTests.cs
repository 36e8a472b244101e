using System.Text.Json;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Serialization;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.TestSupport.Cloud;
using Microsoft.Data.Sqlite;

namespace AmiOrchestrator.Actors.Tests.Golden;

/// <summary>
/// Records golden journals of real deployments, one per strategy and one rollback, run by the engine against the
/// simulated region on SQLite, and checks that each recording replays to the state the live run reached. With
/// <c>AMI_RECORD_GOLDEN=1</c> it adds the recordings to the committed golden files under <c>deployment/</c> (never over
/// one that exists).
/// </summary>
public sealed class DeploymentGoldenRecordingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestFolder folder = new();
    private DeploymentEngine engine = null!;

    public async Task InitializeAsync() => engine = await DeploymentEngine.StartAsync(output);

    public async Task DisposeAsync()
    {
        await engine.DisposeAsync();
        folder.Dispose();
    }

    public static TheoryData<string> Runs => ["basic-succeeded", "canary-succeeded", "blue-green-succeeded", "canary-never-healthy-rolled-back"];

    private static DeploymentSpec SpecFor(string run) => run switch
    {
        "canary-succeeded" => WebSpecs.Canary(25, 50, 100),
        "blue-green-succeeded" => WebSpecs.BlueGreen(),
        "canary-never-healthy-rolled-back" => WebSpecs.Canary(50, 100) with
        {
            Service = WebSpecs.Basic().Service with { Ami = new() { Id = WebRegion.BrokenImage } },
            Timeouts = WebSpecs.Basic().Timeouts with { SteadyState = Duration.FromMinutes(2) },
        },
        _ => WebSpecs.Basic(),
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_deployment_run_records_a_journal_that_replays_to_its_live_state(string run)
    {
        Assert.True((await engine.SubmitAsync(run, SpecFor(run))).Accepted);
        var live = await engine.AwaitEndInJournalAsync(run, TimeSpan.FromMinutes(2));
        var serializer = (AmiOrchestratorSerializer)engine.Node.System.Serialization.FindSerializerForType(typeof(DeploymentState));

        await using var database = new SqliteConnection($"Data Source={engine.DatabasePath}");
        var entries = await GoldenJournalRecorder.ReadAsync(database, DeploymentActor.PersistenceIdOf(run));
        using var state = JsonDocument.Parse(serializer.ToBinary(live));
        var recorded = folder.File(run + GoldenJournal.JournalExtension);
        GoldenJournal.Write(recorded, entries, new GoldenJournal.Expectation(serializer.Manifest(live), state.RootElement));

        var replayed = GoldenJournal.ReadJournal(recorded).Select(e => serializer.FromBinary(e.Payload, e.Manifest)).ToList();
        Assert.Equal(live, GoldenJournal.Fold(DeploymentActor.PersistenceIdOf(run), replayed));
        Assert.True(live.HasEnded);
        GoldenJournal.KeepWhenAsked(recorded, "deployment", output);
    }
}
