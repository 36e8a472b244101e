using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using AmiOrchestrator.Aws.Resilience;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// One Query-protocol service of one account in one region: where to send, how to sign, and which call budget to
/// draw from. Every call goes through the retry loop; listings follow their pages to the end.
/// </summary>
internal sealed class QueryChannel(
    QueryService service,
    Uri endpoint,
    RegionEndpoint region,
    AWSCredentials credentials,
    QueryClient client,
    CallPipeline pipeline,
    TokenBucket budget)
{
    public Task<XElement> CallAsync(QueryRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(
            budget,
            service.Name,
            request.Action,
            attemptToken => client.SendAsync(service, endpoint, region, credentials, request, attemptToken),
            cancellationToken);

    /// <summary>
    /// Every item of a paged listing, or the first <paramref name="limit"/> of them. A page token that comes back
    /// twice is refused rather than followed, as it would be followed forever.
    /// </summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(
        QueryRequest firstPage,
        Pagination pagination,
        Func<XElement, IEnumerable<T>> read,
        CancellationToken cancellationToken,
        int limit = int.MaxValue)
    {
        var items = new List<T>();
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        var request = firstPage;
        while (true)
        {
            var result = await CallAsync(request, cancellationToken);
            items.AddRange(read(result));
            var next = result.Text(pagination.ResponseElement);
            if (next is null || items.Count >= limit)
                return items.Count > limit ? items.GetRange(0, limit) : items;
            if (!seenTokens.Add(next))
                throw InvalidResponse.Because($"{firstPage.Action} returned the page token '{next}' twice");
            request = firstPage.With(pagination.RequestParameter, next);
        }
    }
}
