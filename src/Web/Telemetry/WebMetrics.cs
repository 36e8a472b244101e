using System.Diagnostics.Metrics;

namespace AmiOrchestrator.Web.Telemetry;

/// <summary>The web surface's instruments, on the engine's meter so one subscription (and one scrape) carries them all.</summary>
internal sealed class WebMetrics
{
    /// <summary>The engine's meter name (the actors, the AWS client and the step executor report on it too).</summary>
    public const string MeterName = "AmiOrchestrator";

    public const string LiveStreamsName = "ami_orchestrator.web.live_streams";

    private readonly UpDownCounter<int> liveStreams;

    public WebMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        liveStreams = meter.CreateUpDownCounter<int>(LiveStreamsName, "{stream}", "Server-sent event streams open on this node");
    }

    public void StreamOpened(string stream) => liveStreams.Add(1, new KeyValuePair<string, object?>("stream", stream));

    public void StreamClosed(string stream) => liveStreams.Add(-1, new KeyValuePair<string, object?>("stream", stream));
}
