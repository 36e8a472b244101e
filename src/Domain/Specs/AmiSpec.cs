namespace AmiOrchestrator.Domain.Specs;

/// <summary>The image to deploy: an id, or a lookup whose newest match wins. Exactly one of the two is given.</summary>
public sealed record AmiSpec
{
    public string? Id { get; init; }
    public AmiLookupSpec? Lookup { get; init; }
}
