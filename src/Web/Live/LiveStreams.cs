using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Web.Api;
using AmiOrchestrator.Web.Engine;
using AmiOrchestrator.Web.Hosting;
using AmiOrchestrator.Web.Telemetry;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Web.Live;

/// <summary>
/// The server-sent event streams. Each one starts with a full snapshot of what it shows, so a client that reconnects
/// (EventSource does by itself) needs no replay and no Last-Event-ID: what it gets first is the truth at that moment.
/// After the snapshot, events follow each change, and a heartbeat every <see cref="WebOptions.HeartbeatInterval"/> keeps
/// idle connections open through proxies. Event ids are the deployment's journal sequence numbers, for reference.
/// Streams end when the host stops: the server would otherwise wait its whole shutdown timeout for them.
/// </summary>
internal sealed class LiveStreams(
    ActorSystem system,
    EngineClient engine,
    ReadModelChanges changes,
    WebMetrics metrics,
    IOptions<WebOptions> options,
    IOptions<JsonOptions> json,
    IHostApplicationLifetime lifetime,
    ILogger<LiveStreams> log)
{
    public const string ViewEvent = "view";
    public const string TimelineEvent = "timeline";
    public const string NotFoundEvent = "notFound";
    public const string PageEvent = "page";
    public const string HeartbeatEvent = "heartbeat";

    /// <summary>How soon a client should reconnect after losing the stream.</summary>
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    /// <summary>
    /// One deployment: its entity's views as they are pushed (status, phase, step, sizes) and its read-model timeline
    /// (steps with timings, capacities over time) whenever that changes.
    /// </summary>
    public async IAsyncEnumerable<SseItem<string>> DeploymentAsync(string deploymentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = NewChannel();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var queries = await engine.QueriesAsync(cancellationToken);
        var watch = system.ActorOf(DeploymentWatch.Props(deploymentId, queries, channel.Writer));
        using var listening = changes.Listen();
        metrics.StreamOpened("deployment");
        var producers = Task.WhenAll(FollowTimelineAsync(deploymentId, watch, channel.Writer, stop.Token), HeartbeatAsync(channel.Writer, stop.Token));
        try
        {
            await foreach (var item in UntilStopped(channel.Reader, stop.Token))
                yield return Event(item);
        }
        finally
        {
            await stop.CancelAsync();
            system.Stop(watch);
            await producers;
            metrics.StreamClosed("deployment");
        }
    }

    /// <summary>One page of the deployment list (the filters and cursor of <paramref name="query"/>), again whenever it changes.</summary>
    public async IAsyncEnumerable<SseItem<string>> ListAsync(DeploymentListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = NewChannel();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        using var listening = changes.Listen();
        metrics.StreamOpened("list");
        var producers = Task.WhenAll(FollowListAsync(query, channel.Writer, stop.Token), HeartbeatAsync(channel.Writer, stop.Token));
        try
        {
            await foreach (var item in UntilStopped(channel.Reader, stop.Token))
                yield return Event(item);
        }
        finally
        {
            await stop.CancelAsync();
            await producers;
            metrics.StreamClosed("list");
        }
    }

    /// <summary>The channel's items until <paramref name="stop"/>; the stream then ends as a stream does, not with an exception.</summary>
    private static async IAsyncEnumerable<object> UntilStopped(ChannelReader<object> reader, [EnumeratorCancellation] CancellationToken stop)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                more = false;
            }
            if (!more)
                yield break;
            while (reader.TryRead(out var item))
                yield return item;
        }
    }

    // Every item is a snapshot that supersedes the ones before it, so a client too slow to keep up loses only stale ones.
    private static Channel<object> NewChannel() =>
        Channel.CreateBounded<object>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private async Task FollowTimelineAsync(string deploymentId, IActorRef watch, ChannelWriter<object> output, CancellationToken cancellationToken)
    {
        DeploymentTimeline? last = null;
        await FollowAsync(
            async () =>
            {
                if (await ReadEndpoints.TimelineAsync(engine, deploymentId, cancellationToken) is not { } timeline)
                    return;
                if (timeline != last)
                    output.TryWrite(timeline);
                last = timeline;
                watch.Tell(new DeploymentWatch.Behind(timeline.Summary.LastSequenceNr));
            },
            cancellationToken);
    }

    private async Task FollowListAsync(DeploymentListQuery query, ChannelWriter<object> output, CancellationToken cancellationToken)
    {
        DeploymentPage? last = null;
        await FollowAsync(
            async () =>
            {
                var page = (await engine.ListAsync(query, cancellationToken)).Page;
                if (page is not null && page != last)
                    output.TryWrite(page);
                last = page;
            },
            cancellationToken);
    }

    /// <summary>Runs <paramref name="read"/> now and again after each change of the read model, until the stream ends.</summary>
    private async Task FollowAsync(Func<Task> read, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                // The version is taken before the read, so a change that lands during the read is read again.
                var seen = changes.Version;
                try
                {
                    await read();
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The stream keeps what it sent; the next change (or the poller's next success) reads again.
                    log.LogWarning(e, "A live stream could not read the read model");
                }
                await changes.AfterAsync(seen, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private async Task HeartbeatAsync(ChannelWriter<object> output, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, TimeProvider.System);
            while (await timer.WaitForNextTickAsync(cancellationToken))
                output.TryWrite(Heartbeat.Instance);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private SseItem<string> Event(object item) => item switch
    {
        DeploymentView view => Item(ViewEvent, view, view.Version),
        DeploymentTimeline timeline => Item(TimelineEvent, timeline, timeline.Summary.LastSequenceNr),
        DeploymentPage page => Item(PageEvent, page, null),
        QueryProtocol.NotFound notFound => Item(NotFoundEvent, notFound, null),
        Heartbeat => new SseItem<string>("{}", HeartbeatEvent),
        _ => throw new InvalidOperationException($"{item.GetType().Name} is not an event of a live stream"),
    };

    private SseItem<string> Item<T>(string type, T value, long? id) =>
        new(JsonSerializer.Serialize(value, json.Value.SerializerOptions), type)
        {
            EventId = id?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReconnectionInterval = Reconnect,
        };

    private sealed class Heartbeat
    {
        public static readonly Heartbeat Instance = new();
    }
}
