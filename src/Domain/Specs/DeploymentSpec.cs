namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// What to deploy, where, and how: the input of one deployment (SEMANTICS.md "Inputs"). Read it with
/// <see cref="SpecReader"/>, which also validates; a spec that was read successfully satisfies every static rule.
/// </summary>
public sealed record DeploymentSpec
{
    public ServiceSpec Service { get; init; } = new();
    public EnvironmentSpec Environment { get; init; } = new();
    public InfrastructureSpec Infrastructure { get; init; } = new();

    /// <summary>Name prefix of the new groups; defaults to <c>&lt;service&gt;__&lt;environment&gt;</c>. Normalised like Harness did.</summary>
    public string? AsgNamePrefix { get; init; }

    public CapacitySpec Capacity { get; init; } = new();
    public StrategySpec Strategy { get; init; } = new();
    public ResizeStrategy ResizeStrategy { get; init; } = ResizeStrategy.ResizeNewFirst;
    public TimeoutsSpec Timeouts { get; init; } = new();
    public bool RollbackOnFailure { get; init; } = true;

    /// <summary>How many old groups at 0 instances a lineage keeps (besides the previous one); older ones are deleted.</summary>
    public int RetainedOldAsgs { get; init; } = 3;
}
