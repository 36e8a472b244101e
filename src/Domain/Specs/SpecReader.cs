using System.Text.Json;
using System.Text.RegularExpressions;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// Turns spec text into a validated <see cref="DeploymentSpec"/> or a list of problems. It never throws on bad
/// input: malformed JSON, wrong types and unknown fields come back as problems with their JSON path, like the
/// rule violations <see cref="SpecValidator"/> finds.
/// </summary>
public static partial class SpecReader
{
    public static SpecResult Read(string json)
    {
        DeploymentSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<DeploymentSpec>(json, DomainJson.Options);
        }
        catch (JsonException exception)
        {
            return SpecResult.Invalid(ProblemFrom(exception));
        }
        if (spec is null)
            return SpecResult.Invalid(new SpecProblem("$", "the spec must be a JSON object"));
        return Check(spec);
    }

    /// <summary>Validates a spec that arrived as an object (in a message rather than as text).</summary>
    public static SpecResult Check(DeploymentSpec spec)
    {
        var problems = SpecValidator.Validate(spec);
        return problems.Count == 0 ? SpecResult.Valid(spec) : new SpecResult(null, problems);
    }

    /// <summary>Translates System.Text.Json's message into one that names the field and the rule, in the spec's terms.</summary>
    internal static SpecProblem ProblemFrom(JsonException exception)
    {
        var (relative, message) = JsonPaths.Split(exception.Message);
        var path = ToSpecPath(exception.Path + relative);
        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            // STJ reports the containing object's path for an unknown member in some cases and the member's in others.
            var field = path.EndsWith(name, StringComparison.Ordinal) ? path : (path == "$" ? "" : path + ".") + name;
            return new SpecProblem(field, "is not a field of the spec (check the spelling)");
        }
        if (ConversionFailure().Match(message) is { Success: true } conversion)
            return new SpecProblem(path, "must be " + Friendly(conversion.Groups["type"].Value));
        if (NullNotAllowed().IsMatch(message))
            return new SpecProblem(path, "must not be null");
        if (MissingRequired().Match(message) is { Success: true } missing)
            return new SpecProblem((path == "$" ? "" : path + ".") + missing.Groups["name"].Value, "is required");
        // Messages our own converters throw are already in the spec's terms; strip STJ's location suffix if any.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
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

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("The JSON value could not be converted to (?<type>[^.]+(\\.[^ .]+)*)\\.")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("doesn't allow (setting|getting) null values|cannot be null|null value")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex("missing required properties including: '(?<name>[^']*)'")]
    private static partial Regex MissingRequired();
}
