namespace AmiOrchestrator.Domain.Specs;

/// <summary>One canary phase: the new group's cumulative target as a count or a percent of final desired (exactly one), and its gates.</summary>
public sealed record PhaseSpec
{
    public int? Count { get; init; }
    public int? Percent { get; init; }
    public GatesSpec? Gates { get; init; }
}
