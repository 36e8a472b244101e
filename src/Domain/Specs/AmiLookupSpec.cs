using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>Finds an AMI by owners and a name pattern (<c>*</c>, <c>?</c>) and/or tags; the most recently created match wins.</summary>
public sealed record AmiLookupSpec
{
    public ValueList<string> Owners { get; init; } = ["self"];
    public string? NamePattern { get; init; }
    public ValueMap Tags { get; init; } = ValueMap.Empty;
}
