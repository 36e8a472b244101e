namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>One page of a Describe* answer and the token for the next one (null on the last page).</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);
