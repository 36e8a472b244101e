using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// How capacity moves to the new group. Basic is one phase at 100%; canary lists cumulative phases; Blue/Green
/// upscales behind stage routes and swaps. <see cref="Gates"/> apply after the single phase of basic and before
/// the swap of Blue/Green; canary phases carry their own.
/// </summary>
public sealed record StrategySpec
{
    public StrategyType Type { get; init; } = StrategyType.Basic;
    public ValueList<PhaseSpec> Phases { get; init; } = ValueList<PhaseSpec>.Empty;
    public GatesSpec? Gates { get; init; }

    /// <summary>Blue/Green only: downsize the old group to 0 after the swap (it is kept, not deleted). Default true.</summary>
    public bool? DownsizeOldAsg { get; init; }
}
