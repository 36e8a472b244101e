namespace AmiOrchestrator.Aws.Query;

/// <summary>How a service continues a listing: the request parameter that asks for the next page and the response element that carries it.</summary>
internal sealed record Pagination(string RequestParameter, string ResponseElement)
{
    /// <summary>Auto Scaling: <c>NextToken</c> both ways.</summary>
    public static Pagination NextToken { get; } = new("NextToken", "NextToken");

    /// <summary>Both load-balancing APIs: ask with <c>Marker</c>, receive <c>NextMarker</c>.</summary>
    public static Pagination Marker { get; } = new("Marker", "NextMarker");
}
