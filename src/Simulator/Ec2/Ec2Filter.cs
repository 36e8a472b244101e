using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Ec2;

/// <summary>
/// One <c>Filter.N</c> of an EC2 Describe call. A resource matches when any value matches (values take <c>*</c> and
/// <c>?</c> wildcards); a call's filters must all match.
/// </summary>
internal sealed record Ec2Filter(string Name, IReadOnlyList<string> Values)
{
    public static IReadOnlyList<Ec2Filter> Read(QueryParameters parameters, IReadOnlyCollection<string> supported)
    {
        var filters = parameters.Structs("Filter").Select(f => new Ec2Filter(f.Required("Name"), f.Strings("Value"))).ToList();
        foreach (var filter in filters)
        {
            var known = supported.Contains(filter.Name) || (filter.Name.StartsWith("tag:", StringComparison.Ordinal) && supported.Contains("tag:"));
            if (!known)
                throw new AwsException("InvalidParameterValue", $"The filter '{filter.Name}' is invalid");
        }
        return filters;
    }

    public bool Matches(string? value) => value is not null && Values.Any(pattern => WildcardPattern.IsMatch(pattern, value));

    /// <summary>Matches the tag filters (<c>tag:key</c>, <c>tag-key</c>, <c>tag-value</c>) against a resource's tags; null for other filters.</summary>
    public bool? MatchesTags(ValueMap tags) => Name switch
    {
        "tag-key" => tags.Keys.Any(Matches),
        "tag-value" => tags.Values.Any(Matches),
        _ when Name.StartsWith("tag:", StringComparison.Ordinal) => Matches(tags.GetValueOrDefault(Name["tag:".Length..])),
        _ => null,
    };
}
