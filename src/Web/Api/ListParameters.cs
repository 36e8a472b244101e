using System.Collections.Frozen;
using System.Globalization;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using Microsoft.AspNetCore.Mvc;

namespace AmiOrchestrator.Web.Api;

/// <summary>
/// The deployment list's query string (the list and its live stream take the same). Every parameter is bound as raw
/// text, which never fails (an absent one is null), and read here, so that each problem names its parameter: a limit that is not a number, a
/// time that is not ISO 8601, a parameter given twice, and one this list does not know (a misspelt filter must not
/// silently list everything).
/// </summary>
internal sealed record ListParameters(
    [FromQuery(Name = "status")] string[]? Status,
    [FromQuery(Name = "service")] string[]? Service,
    [FromQuery(Name = "lineage")] string[]? Lineage,
    [FromQuery(Name = "submittedFrom")] string[]? SubmittedFrom,
    [FromQuery(Name = "submittedBefore")] string[]? SubmittedBefore,
    [FromQuery(Name = "limit")] string[]? Limit,
    [FromQuery(Name = "cursor")] string[]? Cursor)
{
    private static readonly string ReportedStatuses = string.Join(
        ", ", Enum.GetValues<DeploymentStatus>().Where(s => s != DeploymentStatus.New).Select(CamelCaseEnumConverter<DeploymentStatus>.NameOf));

    /// <summary>The one parameter that may be repeated.</summary>
    public const string RepeatableName = "status";

    /// <summary>What each parameter means, for the OpenAPI document.</summary>
    public static readonly FrozenDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["status"] = $"Statuses ({ReportedStatuses}), repeated or comma-separated; any of them matches",
        ["service"] = "The service's name",
        ["lineage"] = "The lineage, that is the infrastructure definition id",
        ["submittedFrom"] = "Submitted at or after this ISO 8601 time, with an offset (2026-01-02T15:04:05Z)",
        ["submittedBefore"] = "Submitted before this ISO 8601 time, with an offset",
        ["limit"] = "Deployments per page, 1-500 (50 when not given)",
        ["cursor"] = "The nextCursor of the previous page; valid only with the same filters",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] Known = ["status", "service", "lineage", "submittedFrom", "submittedBefore", "limit", "cursor"];

    /// <summary>The query these parameters ask for, or every problem with them; <paramref name="given"/> are the names the request used.</summary>
    public (DeploymentListQuery? Query, List<(string Field, string Message)> Problems) Read(IEnumerable<string> given)
    {
        var problems = new List<(string, string)>();
        foreach (var name in given.Where(k => !Known.Contains(k, StringComparer.Ordinal)))
            problems.Add((name, $"is not a parameter of the deployment list (it takes {string.Join(", ", Known)})"));
        var query = new DeploymentListQuery
        {
            // Both ?status=failed&status=aborted and ?status=failed,aborted list either.
            Statuses = (Status ?? []).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToValueList(),
            Service = Single("service", Service, problems),
            Lineage = Single("lineage", Lineage, problems),
            SubmittedFrom = Time("submittedFrom", SubmittedFrom, problems),
            SubmittedBefore = Time("submittedBefore", SubmittedBefore, problems),
            Limit = Number("limit", Limit, problems) ?? DeploymentListQuery.DefaultLimit,
            Cursor = Single("cursor", Cursor, problems),
        };
        problems.AddRange(query.Problems().Select(p => (p.Field, p.Message)));
        return (problems.Count == 0 ? query : null, problems);
    }

    private static string? Single(string name, string[]? values, List<(string, string)> problems)
    {
        if (values is null || values.Length == 0)
            return null;
        if (values.Length > 1)
            problems.Add((name, $"is given {values.Length} times; give it once"));
        return values[0];
    }

    private static DateTimeOffset? Time(string name, string[]? values, List<(string, string)> problems)
    {
        var text = Single(name, values, problems);
        if (text is null)
            return null;
        // A time without an offset would mean the server's zone, which the caller cannot know: only explicit times are taken.
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        problems.Add((name, $"'{text}' is not an ISO 8601 time with an offset, such as 2026-01-02T15:04:05Z"));
        return null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static int? Number(string name, string[]? values, List<(string, string)> problems)
    {
        var text = Single(name, values, problems);
        if (text is null)
            return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return number;
        problems.Add((name, $"'{text}' is not a whole number"));
        return null;
    }
}
