using System.Globalization;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// Which deployments to list, newest submission first, one page at a time. Filters combine with AND; the statuses
/// are alternatives. Field names are those the HTTP API takes, so a problem names what the caller wrote.
/// </summary>
public sealed record DeploymentListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Statuses as reported (<c>failed</c>, <c>rollingBack</c>...); any of them matches. Empty: every status.</summary>
    public ValueList<string> Statuses { get; init; } = ValueList<string>.Empty;

    public string? Service { get; init; }

    /// <summary>The lineage, that is the infrastructure definition id.</summary>
    public string? Lineage { get; init; }

    /// <summary>Submitted at or after this time.</summary>
    public DateTimeOffset? SubmittedFrom { get; init; }

    /// <summary>Submitted strictly before this time.</summary>
    public DateTimeOffset? SubmittedBefore { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The <see cref="DeploymentPage.NextCursor"/> of the previous page; null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Every problem of the query, each naming its field (empty when it can run).</summary>
    public ValueList<QueryProblem> Problems() => Check().Problems;

    /// <summary>The statuses to match and where the page starts, or every problem of the query.</summary>
    internal (ValueList<DeploymentStatus> Statuses, DeploymentCursor? After, ValueList<QueryProblem> Problems) Check()
    {
        var problems = new List<QueryProblem>();
        var statuses = new List<DeploymentStatus>();
        foreach (var text in Statuses)
        {
            if (StatusNamed(text) is { } status)
                statuses.Add(status);
            else
                problems.Add(new QueryProblem("status", $"'{text}' is not one of {ReportedStatuses}"));
        }
        if (Service is not null && string.IsNullOrWhiteSpace(Service))
            problems.Add(new QueryProblem("service", "must not be blank when given"));
        if (Lineage is not null && string.IsNullOrWhiteSpace(Lineage))
            problems.Add(new QueryProblem("lineage", "must not be blank when given"));
        if (SubmittedFrom is { } from && SubmittedBefore is { } before && before <= from)
            problems.Add(new QueryProblem("submittedBefore", $"{Iso(before)} must be after submittedFrom {Iso(from)}"));
        if (Limit is < 1 or > MaxLimit)
            problems.Add(new QueryProblem("limit", $"must be between 1 and {MaxLimit} (is {Limit})"));
        DeploymentCursor? after = null;
        if (Cursor is not null)
        {
            after = DeploymentCursor.Read(Cursor);
            if (after is null)
                problems.Add(new QueryProblem("cursor", "is not a cursor this API issued; list again without one"));
            else if (after.Filter != FilterFingerprint())
                problems.Add(new QueryProblem("cursor", "was issued for other filters (status, service, lineage or time range); list again without one"));
        }
        return (statuses.Distinct().ToValueList(), after, problems.ToValueList());
    }

    /// <summary>
    /// The filters a cursor is valid for. The limit is left out: a caller may change the page size between pages
    /// without losing its place. Statuses are compared as a set.
    /// </summary>
    internal string FilterFingerprint() => DeploymentCursor.Fingerprint(
        string.Join(',', Statuses.Select(s => StatusNamed(s) is { } status ? CamelCaseEnumConverter<DeploymentStatus>.NameOf(status) : s).Distinct().Order(StringComparer.Ordinal)),
        Service ?? "",
        Lineage ?? "",
        SubmittedFrom is { } from ? ReadModelTime.ToMicroseconds(from).ToString(CultureInfo.InvariantCulture) : "",
        SubmittedBefore is { } before ? ReadModelTime.ToMicroseconds(before).ToString(CultureInfo.InvariantCulture) : "");

    // New is the state before submission: no deployment in the read model is ever in it.
    private static readonly DeploymentStatus[] Reported = [.. Enum.GetValues<DeploymentStatus>().Where(s => s != DeploymentStatus.New)];

    private static readonly string ReportedStatuses = string.Join(", ", Reported.Select(CamelCaseEnumConverter<DeploymentStatus>.NameOf));

    private static DeploymentStatus? StatusNamed(string text) =>
        Reported.Where(s => string.Equals(CamelCaseEnumConverter<DeploymentStatus>.NameOf(s), text, StringComparison.OrdinalIgnoreCase))
            .Select(s => (DeploymentStatus?)s)
            .FirstOrDefault();

    private static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
