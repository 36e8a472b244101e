using System.Text.Json.Nodes;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AmiOrchestrator.Domain.Tests.Specs;

/// <summary>
/// Random mutations of the example specs: whatever arrives, reading answers with a spec or with problems (each with a
/// path, none twice), never an exception.
/// </summary>
public class SpecMutationTests
{
    private static readonly string[] Examples = Directory.GetFiles(SampleSpecs.ExamplesFolder, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    private static readonly JsonNode?[] Replacements =
    [
        null, 0, -1, 1.5, int.MaxValue, long.MaxValue, "", "x", "ami-0123456789abcdef0", "10m", "-5s", true, false,
        new JsonArray(), new JsonArray(null, 1, "a"), new JsonObject(), new JsonObject { ["unexpected"] = 1 }, new string('z', 300),
    ];

    [Property(MaxTest = 2000)]
    public Property Structural_mutations_never_throw() =>
        Prop.ForAll(
            Gen.Choose(0, Examples.Length - 1).ToArbitrary(),
            Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
            Gen.Choose(1, 6).ToArbitrary(),
            (example, seed, count) =>
            {
                var random = new Random(seed);
                var document = JsonNode.Parse(Examples[example])!;
                for (var i = 0; i < count; i++)
                    document = Mutate(document, random);
                return Answers(document.ToJsonString()).Label(document.ToJsonString());
            });

    [Property(MaxTest = 1000)]
    public Property Textual_mutations_never_throw() =>
        Prop.ForAll(
            Gen.Choose(0, Examples.Length - 1).ToArbitrary(),
            Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
            (example, seed) =>
            {
                var random = new Random(seed);
                var text = Examples[example];
                var at = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text[..at],
                    1 => text.Insert(at, ((char)random.Next(0, 128)).ToString()),
                    _ => text.Remove(at, 1),
                };
                return Answers(text);
            });

    private static bool Answers(string text)
    {
        var result = SpecReader.Read(text);
        return result.IsValid
            ? result.Problems.Count == 0
            : result.Problems.Count > 0
                && result.Problems.All(p => p.Path.Length > 0 && p.Message.Length > 0)
                && result.Problems.Distinct().Count() == result.Problems.Count;
    }

    private static JsonNode Mutate(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        var replacement = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        if (target.Parent is null)
            return replacement is JsonObject replacementRoot ? replacementRoot : root;
        switch (target.Parent)
        {
            case JsonObject parent:
                var name = target.GetPropertyName();
                if (random.Next(4) == 0)
                    parent.Remove(name);
                else if (random.Next(6) == 0)
                    parent["typo" + name] = replacement;
                else
                    parent[name] = replacement;
                break;
            case JsonArray array:
                var index = target.GetElementIndex();
                if (random.Next(3) == 0)
                    array.RemoveAt(index);
                else
                    array[index] = replacement;
                break;
        }
        return root;
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                        Collect(child, nodes);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                        Collect(child, nodes);
                }
                break;
        }
    }
}
