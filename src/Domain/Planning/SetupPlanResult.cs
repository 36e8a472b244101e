using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>A setup plan, or the problems that prevent one (never both).</summary>
public sealed record SetupPlanResult(SetupPlan? Plan, ValueList<SpecProblem> Problems)
{
    public static SetupPlanResult Planned(SetupPlan plan) => new(plan, ValueList<SpecProblem>.Empty);

    public static SetupPlanResult Failed(ValueList<SpecProblem> problems) => new(null, problems);
}
