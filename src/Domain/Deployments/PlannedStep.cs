using System.Globalization;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// A step of a deployment's program: its deterministic id (<c>&lt;deployment&gt;/&lt;phase&gt;/&lt;action&gt;/&lt;target&gt;</c>),
/// where it belongs (stage and phase number), what it does, and whether its failure is only a warning.
/// </summary>
public sealed record PlannedStep(string Id, StepStage Stage, int Phase, StepAction Action, bool Tolerated = false)
{
    public static PlannedStep Create(string deploymentId, string phaseSegment, StepStage stage, int phase, StepAction action, bool tolerated = false) =>
        new($"{deploymentId}/{phaseSegment}/{action.Name}/{action.Target}", stage, phase, action, tolerated);

    public static string PhaseSegment(int phase) => "phase-" + phase.ToString(CultureInfo.InvariantCulture);

    public static string RollbackSegment(int attempt) =>
        attempt <= 1 ? "rollback" : "rollback-" + attempt.ToString(CultureInfo.InvariantCulture);
}
