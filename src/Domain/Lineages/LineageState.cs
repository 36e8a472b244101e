using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Lineages;

/// <summary>
/// One lineage's lock and queue (SEMANTICS.md "Concurrency"): the deployment that may change the lineage now, the
/// ones waiting in order, the highest revision ever used (so numbering never restarts), and the last deployment
/// that ran (the only one a late rollback may be granted to).
/// </summary>
public sealed record LineageState
{
    public required string LineageId { get; init; }
    public string? Running { get; init; }
    public ValueList<string> Waiting { get; init; } = ValueList<string>.Empty;
    public int HighestRevisionEver { get; init; }
    public string? LastStarted { get; init; }

    public static LineageState Initial(string lineageId) => new() { LineageId = lineageId };
}
