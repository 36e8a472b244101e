using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;

namespace AmiOrchestrator.Web.Tests.Support;

/// <summary>A server-sent event stream read as a browser's EventSource reads it, one event at a time.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource closing = new();
    private readonly IAsyncEnumerator<SseItem<string>> events;

    private EventStream(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        events = SseParser.Create(body).EnumerateAsync(closing.Token).GetAsyncEnumerator(closing.Token);
    }

    /// <summary>Every event read so far, heartbeats included, in order.</summary>
    public List<SseItem<string>> Seen { get; } = [];

    public static async Task<EventStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Reads events until one of <paramref name="type"/> whose data satisfies <paramref name="until"/>, and returns its data.</summary>
    public async Task<JsonNode> NextAsync(string type, Func<JsonNode, bool>? until = null, TimeSpan? within = null)
    {
        using var deadline = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var next = events.MoveNextAsync().AsTask();
            await next.WaitAsync(deadline.Token).ConfigureAwait(false);
            if (!next.Result)
                throw new Xunit.Sdk.XunitException($"the stream ended before a '{type}' event came; seen: {Describe()}");
            Seen.Add(events.Current);
            if (events.Current.EventType != type)
                continue;
            var data = JsonNode.Parse(events.Current.Data)!;
            if (until is null || until(data))
                return data;
        }
    }

    /// <summary>Reads until the server ends the stream (as a response ends, not by dropping the connection).</summary>
    public async Task EndAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (await events.MoveNextAsync().AsTask().WaitAsync(deadline.Token).ConfigureAwait(false))
            Seen.Add(events.Current);
    }

    public IEnumerable<JsonNode> SeenData(string type) => Seen.Where(e => e.EventType == type).Select(e => JsonNode.Parse(e.Data)!);

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        response.Dispose();
        try
        {
            await events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The read in progress was cancelled by the close.
        }
        closing.Dispose();
    }

    private string Describe() => string.Join(", ", Seen.Select(e => e.EventType));
}
