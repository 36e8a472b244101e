using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Actors.Tests.Golden;

/// <summary>
/// A recorded journal as a committed, human-readable file: JSON lines, one event each, in sequence order, with its
/// persistence id, sequence number, manifest and payload exactly as the engine stored it; beside it
/// (<c>.expected.json</c>) the state the events folded into when they were recorded, under its snapshot manifest.
/// </summary>
internal static class GoldenJournal
{
    public const string JournalExtension = ".jsonl";
    public const string ExpectationExtension = ".expected.json";

    // Relaxed escaping keeps the files readable ("+00:00", not "\u002B00:00"); they are test data, never HTML.
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions IndentedFileJson = new(FileJson) { WriteIndented = true };

    public static IReadOnlyList<Entry> ReadJournal(string path) =>
        File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select((line, i) => JsonSerializer.Deserialize<Entry>(line, FileJson) ?? throw new InvalidDataException($"{path}:{i + 1} is not an entry"))
            .ToList();

    public static Expectation ReadExpectation(string journalPath) =>
        JsonSerializer.Deserialize<Expectation>(File.ReadAllText(ExpectationPathOf(journalPath)), FileJson)
            ?? throw new InvalidDataException($"{ExpectationPathOf(journalPath)} is empty");

    public static void Write(string journalPath, IEnumerable<Entry> entries, Expectation expectation)
    {
        var lines = entries.Select(e => JsonSerializer.Serialize(e, FileJson));
        File.WriteAllText(journalPath, string.Join('\n', lines) + "\n");
        File.WriteAllText(ExpectationPathOf(journalPath), JsonSerializer.Serialize(expectation, IndentedFileJson) + "\n");
    }

    /// <summary>
    /// With AMI_RECORD_GOLDEN=1, copies a journal recorded by a test (and its expectation) into Golden/<paramref name="kind"/>,
    /// never over an existing one: a golden journal, once committed, is what old releases wrote.
    /// </summary>
    public static void KeepWhenAsked(string recorded, string kind, ITestOutputHelper output)
    {
        if (Environment.GetEnvironmentVariable("AMI_RECORD_GOLDEN") != "1")
            return;
        var target = Repository.File("tests", "Actors.Tests", "Golden", kind, Path.GetFileName(recorded));
        if (File.Exists(target))
        {
            output.WriteLine($"{target} exists and is never rewritten; record under a new name instead");
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(recorded, target);
        File.Copy(ExpectationPathOf(recorded), ExpectationPathOf(target));
        output.WriteLine($"recorded {target}");
    }

    public static string ExpectationPathOf(string journalPath) =>
        journalPath[..^JournalExtension.Length] + ExpectationExtension;

    /// <summary>The state a journal folds into, from the empty state of its persistence id, through the current Evolve.</summary>
    public static object Fold(string persistenceId, IEnumerable<object> events) => persistenceId switch
    {
        _ when persistenceId.StartsWith("lineage-", StringComparison.Ordinal) =>
            events.Cast<ILineageEvent>().Aggregate(LineageState.Initial(persistenceId["lineage-".Length..]), Lineage.Evolve),
        _ when persistenceId.StartsWith("deployment-", StringComparison.Ordinal) =>
            events.Cast<IDeploymentEvent>().Aggregate(DeploymentState.Initial(persistenceId["deployment-".Length..]), Deployment.Evolve),
        _ => throw new InvalidDataException($"no fold for persistence id '{persistenceId}'"),
    };

    /// <summary>One stored event.</summary>
    public sealed record Entry(string PersistenceId, long SequenceNr, string Manifest, JsonElement Event)
    {
        [JsonIgnore]
        public byte[] Payload => Encoding.UTF8.GetBytes(Event.GetRawText());
    }

    /// <summary>The folded state, under the manifest it is snapshotted with.</summary>
    public sealed record Expectation(string Manifest, JsonElement State)
    {
        [JsonIgnore]
        public byte[] Payload => Encoding.UTF8.GetBytes(State.GetRawText());
    }
}
