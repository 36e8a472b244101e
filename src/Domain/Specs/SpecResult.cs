using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>A spec that passed every rule, or the problems that stopped it (never both).</summary>
public sealed record SpecResult(DeploymentSpec? Spec, ValueList<SpecProblem> Problems)
{
    public bool IsValid => Spec is not null;

    public static SpecResult Valid(DeploymentSpec spec) => new(spec, ValueList<SpecProblem>.Empty);

    public static SpecResult Invalid(params SpecProblem[] problems) => new(null, problems.ToValueList());
}
