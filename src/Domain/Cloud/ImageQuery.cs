using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// Which AMIs to describe: by id, or by owners plus a name pattern (<c>*</c> and <c>?</c> wildcards) and tags.
/// Describing an id that does not exist fails with InvalidAMIID.NotFound; a filter that matches nothing returns nothing.
/// </summary>
public sealed record ImageQuery
{
    public ValueList<string> ImageIds { get; init; } = ValueList<string>.Empty;
    public ValueList<string> Owners { get; init; } = ValueList<string>.Empty;
    public string? NamePattern { get; init; }
    public ValueMap Tags { get; init; } = ValueMap.Empty;
}
