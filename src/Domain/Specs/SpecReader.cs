using System.Text.Json;
using System.Text.RegularExpressions;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// Turns spec text into a validated <see cref="DeploymentSpec"/> or a list of problems. It never throws on bad
/// input, and it reports every problem at once: malformed JSON, wrong types and unknown fields come back as problems
/// with their JSON path (read field by field by <see cref="SpecShape"/>), next to the rule violations
/// <see cref="SpecValidator"/> finds in everything that could be read.
/// </summary>
public static partial class SpecReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = DomainJson.Options.ReadCommentHandling,
        AllowTrailingCommas = DomainJson.Options.AllowTrailingCommas,
        MaxDepth = DomainJson.Options.MaxDepth,
    };

    public static SpecResult Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return SpecResult.Invalid(ProblemFrom(exception, "$"));
        }
        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Null)
                return SpecResult.Invalid(new SpecProblem("$", "the spec must be a JSON object"));
            var shape = new SpecShape();
            if (shape.Read(document.RootElement, typeof(DeploymentSpec), "$") is not { } readable)
                return new SpecResult(null, shape.Problems.ToValueList());
            // The shape has just converted exactly this node, so this conversion succeeds.
            var spec = readable.Deserialize<DeploymentSpec>(DomainJson.Options)!;
            var problems = shape.Problems.Concat(SpecValidator.Validate(spec, shape.Unreadable)).ToValueList();
            return problems.Count == 0 ? SpecResult.Valid(spec) : new SpecResult(null, problems);
        }
    }

    /// <summary>Validates a spec that arrived as an object (in a message rather than as text).</summary>
    public static SpecResult Check(DeploymentSpec spec)
    {
        var problems = SpecValidator.Validate(spec);
        return problems.Count == 0 ? SpecResult.Valid(spec) : new SpecResult(null, problems);
    }

    /// <summary>
    /// Translates System.Text.Json's message about the value at <paramref name="at"/> (a spec path, <c>$</c> for the
    /// whole text) into one that names the field and the rule, in the spec's terms.
    /// </summary>
    internal static SpecProblem ProblemFrom(JsonException exception, string at)
    {
        var (relative, message) = JsonPaths.Split(exception.Message);
        var inner = ToSpecPath(exception.Path + relative);
        var path = (at, inner) switch
        {
            (_, "$") => at,
            ("$", _) => inner,
            _ when inner.StartsWith('[') => at + inner,
            _ => at + "." + inner,
        };
        if (ConversionFailure().Match(message) is { Success: true } conversion)
            return new SpecProblem(path, "must be " + Friendly(conversion.Groups["type"].Value));
        if (MissingRequired().Match(message) is { Success: true } missing)
            return new SpecProblem((path == "$" ? "" : path + ".") + missing.Groups["name"].Value, "is required");
        // Messages our own converters throw are already in the spec's terms; strip STJ's location suffix if any.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        var text = cut >= 0 ? message[..cut] : message;
        if (path == "$" && exception.LineNumber is { } line)
            text += $" (line {line + 1}, position {exception.BytePositionInLine + 1})";
        return new SpecProblem(path, text);
    }

    private static string ToSpecPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
            return "$";
        var path = jsonPath.TrimStart('$').TrimStart('.');
        return path.Length == 0 ? "$" : path;
    }

    private static string Friendly(string clrType) => clrType switch
    {
        _ when clrType.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        _ when clrType.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when clrType.Contains("String", StringComparison.Ordinal) => "a string",
        _ when clrType.Contains("ValueList", StringComparison.Ordinal) => "an array",
        _ when clrType.Contains("ValueMap", StringComparison.Ordinal) => "an object of string values",
        _ => "an object",
    };

    [GeneratedRegex("The JSON value could not be converted to (?<type>[^.]+(\\.[^ .]+)*)\\.")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("missing required properties including: '(?<name>[^']*)'")]
    private static partial Regex MissingRequired();
}
