using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AmiOrchestrator.Aws.Tests.Support;

/// <summary>
/// Stands in for AWS behind the client's HttpClient: records every request and answers from a script, in order;
/// once the script is used up, <see cref="Otherwise"/> answers (by default a test failure in the body).
/// </summary>
internal sealed class StubAws : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> script = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly SemaphoreSlim arrivals = new(0);
    private readonly Lock gate = new();

    public Func<RecordedRequest, HttpResponseMessage> Otherwise { get; set; } =
        r => Text(HttpStatusCode.NotImplemented, $"<Unscripted>{r.Action}</Unscripted>");

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
                return [.. requests];
        }
    }

    public StubAws Respond(HttpStatusCode status, string body) =>
        Respond(_ => Text(status, body));

    public StubAws Respond(Func<RecordedRequest, HttpResponseMessage> answer)
    {
        script.Enqueue((r, _) => Task.FromResult(answer(r)));
        return this;
    }

    public StubAws Throw(Exception exception)
    {
        script.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>An answer that never comes, until the request is cancelled (as HttpClient's timeout does).</summary>
    public StubAws Hang()
    {
        script.Enqueue(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    /// <summary>Waits until <paramref name="count"/> requests have arrived in all, failing after a bounded real-time deadline.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Requests.Count < count)
            await arrivals.WaitAsync(deadline.Token);
    }

    public static HttpResponseMessage Text(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers
            .Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        lock (gate)
            requests.Add(recorded);
        arrivals.Release();
        return script.TryDequeue(out var answer)
            ? await answer(recorded, cancellationToken)
            : Otherwise(recorded);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            arrivals.Dispose();
        base.Dispose(disposing);
    }
}
