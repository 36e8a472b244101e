using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>
/// Whole deployments of every kind the read model must show, each in a lineage of its own that already holds an older
/// group (revision 1) and the previous one (revision 2, 4 instances), so each creates revision 3.
/// </summary>
internal static class SampleDeployments
{
    public const int PreviousDesired = 4;

    /// <summary>Every scenario once, ids and lineages prefixed with <paramref name="prefix"/>, submitted a minute apart from <paramref name="at"/>.</summary>
    public static IReadOnlyList<DeploymentScript> All(string prefix, DateTimeOffset at) =>
    [
        Basic($"{prefix}basic", $"{prefix}basic-lineage", at),
        CanaryWithApproval($"{prefix}canary", $"{prefix}canary-lineage", at.AddMinutes(1)),
        BlueGreen($"{prefix}blue-green", $"{prefix}blue-green-lineage", at.AddMinutes(2)),
        FailedWithoutRollback($"{prefix}failed", $"{prefix}failed-lineage", at.AddMinutes(3)),
        RolledBack($"{prefix}rolled-back", $"{prefix}rolled-back-lineage", at.AddMinutes(4)),
        Aborted($"{prefix}aborted", $"{prefix}aborted-lineage", at.AddMinutes(5)),
        CleanupWarning($"{prefix}cleanup", $"{prefix}cleanup-lineage", at.AddMinutes(6)),
        Queued($"{prefix}queued", $"{prefix}queued-lineage", at.AddMinutes(7)),
    ];

    /// <summary>One of the scenarios by number (any integer), for loads that cycle through them.</summary>
    public static DeploymentScript Any(int number, string id, string lineageId, DateTimeOffset at) => (number % 7) switch
    {
        0 => Basic(id, lineageId, at),
        1 => CanaryWithApproval(id, lineageId, at),
        2 => BlueGreen(id, lineageId, at),
        3 => FailedWithoutRollback(id, lineageId, at),
        4 => RolledBack(id, lineageId, at),
        5 => Aborted(id, lineageId, at),
        _ => CleanupWarning(id, lineageId, at),
    };

    public static DeploymentScript Basic(string id, string lineageId, DateTimeOffset at) =>
        Start(id, Spec(lineageId), lineageId, at, Member(lineageId, 1, 0), Member(lineageId, 2, PreviousDesired)).SucceedUntil();

    /// <summary>Two canary phases (50%, 100%) with a manual approval after the first.</summary>
    public static DeploymentScript CanaryWithApproval(string id, string lineageId, DateTimeOffset at) =>
        Start(id, Canary(lineageId), lineageId, at, Member(lineageId, 1, 0), Member(lineageId, 2, PreviousDesired)).SucceedUntil();

    public static DeploymentScript BlueGreen(string id, string lineageId, DateTimeOffset at) =>
        Start(
                id,
                Spec(lineageId) with
                {
                    Infrastructure = Spec(lineageId).Infrastructure with { StageTargetGroups = [SampleSpecs.StageTargetGroup] },
                    Strategy = new StrategySpec { Type = StrategyType.BlueGreen, DownsizeOldAsg = true },
                },
                lineageId,
                at,
                Member(lineageId, 1, 0),
                Member(lineageId, 2, PreviousDesired, blue: true))
            .SucceedUntil();

    /// <summary>The new group never reaches steady state, and the spec does not roll back.</summary>
    public static DeploymentScript FailedWithoutRollback(string id, string lineageId, DateTimeOffset at) =>
        Start(id, Spec(lineageId) with { RollbackOnFailure = false }, lineageId, at, Member(lineageId, 1, 0), Member(lineageId, 2, PreviousDesired))
            .SucceedUntil(IsFirstDeployWait)
            .Fail(StepFailureKind.DeadlinePassed, "2 of 4 instances healthy when the deadline passed");

    /// <summary>The new group never reaches steady state, and the automatic rollback succeeds.</summary>
    public static DeploymentScript RolledBack(string id, string lineageId, DateTimeOffset at) =>
        Start(id, Spec(lineageId), lineageId, at, Member(lineageId, 1, 0), Member(lineageId, 2, PreviousDesired))
            .SucceedUntil(IsFirstDeployWait)
            .Fail(StepFailureKind.NonRetryable, "Instance i-0abc failed to launch", "InsufficientInstanceCapacity")
            .SucceedUntil();

    /// <summary>An operator aborts a canary during its first wait, which stops at once.</summary>
    public static DeploymentScript Aborted(string id, string lineageId, DateTimeOffset at) =>
        Start(id, Canary(lineageId), lineageId, at, Member(lineageId, 1, 0), Member(lineageId, 2, PreviousDesired))
            .SucceedUntil(IsFirstDeployWait)
            .Abort("ops", "stop");

    /// <summary>An older group still has instances: setup drains it (a warning), and the drain's wait fails (another, tolerated).</summary>
    public static DeploymentScript CleanupWarning(string id, string lineageId, DateTimeOffset at) =>
        Start(id, Spec(lineageId), lineageId, at, Member(lineageId, 1, 2), Member(lineageId, 2, PreviousDesired))
            .SucceedUntil(step => step.Tolerated && step.Action is WaitSteady)
            .Fail(StepFailureKind.DeadlinePassed, "1 instance still terminating")
            .SucceedUntil();

    /// <summary>Submitted; its lineage is busy.</summary>
    public static DeploymentScript Queued(string id, string lineageId, DateTimeOffset at) =>
        new(id, Spec(lineageId), Inventory(lineageId, [], blueGreen: false), at);

    public static DeploymentSpec Spec(string lineageId) => SampleSpecs.Basic() with
    {
        Infrastructure = SampleSpecs.Basic().Infrastructure with { Id = lineageId },
    };

    public static DeploymentSpec Canary(string lineageId) => Spec(lineageId) with
    {
        Strategy = new StrategySpec
        {
            Type = StrategyType.Canary,
            Phases = [new PhaseSpec { Percent = 50, Gates = new GatesSpec { ManualApproval = true } }, new PhaseSpec { Percent = 100 }],
        },
    };

    public static string GroupName(int revision) => AsgNaming.AsgName("web__prod", revision);

    public static bool IsFirstDeployWait(PlannedStep step) => step.Stage == StepStage.Deploy && step.Action is WaitSteady;

    private static DeploymentScript Start(string id, DeploymentSpec spec, string lineageId, DateTimeOffset at, params AsgDescription[] lineage) =>
        new DeploymentScript(id, spec, Inventory(lineageId, lineage, spec.Strategy.Type == StrategyType.BlueGreen), at)
            .Grant(highestRevisionEver: 2)
            .Succeed();

    /// <summary>A group of the lineage at revision <paramref name="revision"/>, created in revision order, at the given capacity.</summary>
    private static AsgDescription Member(string lineageId, int revision, int desired, bool blue = false) => SampleLineages.Member(revision, desired, blue) with
    {
        Tags = SampleLineages.Member(revision, desired, blue).Tags
            .Select(t => t.Key == LineageTags.LineageKey ? new AsgTag(LineageTags.LineageKey, lineageId) : t)
            .ToValueList(),
    };

    private static SetupInventory Inventory(string lineageId, IReadOnlyList<AsgDescription> lineage, bool blueGreen)
    {
        var members = lineage.Select(g => LineageTags.Recognize(g, LineageTagMode.Ours, lineageId)).OfType<LineageMember>().ToList();
        var previous = LineagePlanner.ChoosePrevious(members, blueGreen);
        return SampleLineages.Inventory([], blueGreen) with
        {
            Lineage = lineage.ToValueList(),
            PreviousAsgName = previous?.Name,
            PreviousPolicies = previous is null ? ValueList<ScalingPolicy>.Empty : [SampleLineages.CpuPolicy("previous-cpu", previous.Name)],
        };
    }
}
