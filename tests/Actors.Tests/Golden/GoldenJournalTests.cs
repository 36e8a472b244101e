using Akka.Actor;
using AmiOrchestrator.Actors.Serialization;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Actors.Tests.Golden;

/// <summary>
/// Every committed golden journal, replayed through today's serializer and Evolve, must still give the state that was
/// recorded with it: an event change that would break a journal already written somewhere fails here.
/// </summary>
public sealed class GoldenJournalTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly string Folder = Repository.File("tests", "Actors.Tests", "Golden");
    private readonly AmiOrchestratorSerializer serializer;

    public GoldenJournalTests(ITestOutputHelper output)
        : base(output: output) => serializer = new AmiOrchestratorSerializer((ExtendedActorSystem)Sys);

    public static TheoryData<string> Journals
    {
        get
        {
            var journals = new TheoryData<string>();
            foreach (var path in Directory.EnumerateFiles(Folder, "*" + GoldenJournal.JournalExtension, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                journals.Add(Path.GetRelativePath(Folder, path));
            return journals;
        }
    }

    [Theory]
    [MemberData(nameof(Journals))]
    public void A_committed_golden_journal_replays_through_todays_code_to_the_state_recorded_with_it(string journal)
    {
        var path = Path.Combine(Folder, journal);
        var entries = GoldenJournal.ReadJournal(path);
        var expectation = GoldenJournal.ReadExpectation(path);

        var events = entries.Select(e => serializer.FromBinary(e.Payload, e.Manifest)).ToList();
        var expected = serializer.FromBinary(expectation.Payload, expectation.Manifest);

        var persistenceId = Assert.Single(entries.Select(e => e.PersistenceId).Distinct());
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(n => (long)n), entries.Select(e => e.SequenceNr));
        Assert.Equal(expected, GoldenJournal.Fold(persistenceId, events));
    }
}
