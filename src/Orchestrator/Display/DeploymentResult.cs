using System.Text.Json;
using System.Text.Json.Serialization;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Orchestrator.Display;

/// <summary>
/// A deployment as <c>--output json</c> prints it: one JSON object on one line (the last line on standard output),
/// with the same field names and status words as the HTTP API (<c>succeeded</c>, <c>rolledBack</c>...).
/// </summary>
internal sealed record DeploymentResult
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new CamelCaseEnumConverter<DeploymentStatus>() },
    };

    public required string Id { get; init; }
    public required DeploymentStatus Status { get; init; }
    public string? Lineage { get; init; }
    public string? Service { get; init; }
    public string? Environment { get; init; }
    public string? NewAsg { get; init; }
    public string? PreviousAsg { get; init; }
    public string? FailureReason { get; init; }
    public int Phase { get; init; }
    public int Phases { get; init; }
    public string? CurrentStep { get; init; }
    public int? QueuePosition { get; init; }
    public IReadOnlyList<GroupView> Groups { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    public static DeploymentResult Of(DeploymentView view) => new()
    {
        Id = view.DeploymentId,
        Status = view.Status,
        Lineage = view.Lineage,
        Service = view.Service,
        Environment = view.Environment,
        NewAsg = view.NewGroup?.Name,
        PreviousAsg = view.PreviousGroup?.Name,
        FailureReason = view.FailureReason,
        Phase = view.Phase,
        Phases = view.Phases,
        CurrentStep = view.CurrentStep,
        QueuePosition = view.QueuePosition,
        Groups = [.. GroupsOf(view)],
        Warnings = view.Warnings,
        SubmittedAt = view.SubmittedAt,
        StartedAt = view.StartedAt,
        EndedAt = view.EndedAt,
    };

    public static IEnumerable<GroupView> GroupsOf(DeploymentView view) =>
        new[] { view.NewGroup, view.PreviousGroup }.OfType<GroupView>().Concat(view.OlderGroups);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);
}
