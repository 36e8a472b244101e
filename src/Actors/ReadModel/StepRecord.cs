using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>One step of a deployment's timeline (a row of <c>deployment_step</c>), from its start to its outcome.</summary>
public sealed record StepRecord
{
    public required string StepId { get; init; }
    public required StepStage Stage { get; init; }
    public required int Phase { get; init; }

    /// <summary>The action's name as in the step id (<c>create-asg</c>, <c>resize</c>, <c>wait-steady</c>...).</summary>
    public required string Action { get; init; }

    /// <summary>The group the step works on, or <c>gate</c> / <c>setup</c> for steps that touch none.</summary>
    public required string Target { get; init; }

    /// <summary>True for steps whose failure is only a warning (setup's clean-up of older groups).</summary>
    public required bool Tolerated { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public StepOutcomeKind? Outcome { get; init; }

    /// <summary>What the step reported (<c>approved by bob</c>), or why it was cancelled.</summary>
    public string? Detail { get; init; }

    public StepFailureKind? FailureKind { get; init; }

    /// <summary>The cloud's error code, when the cloud said no.</summary>
    public string? FailureCode { get; init; }

    public string? FailureMessage { get; init; }

    /// <summary>How long the step took; null while it runs.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;
}
