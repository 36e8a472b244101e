using System.Diagnostics.Metrics;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// The projection's instruments on the engine's meter: how far the read model is behind the journal (in offsets and in
/// time), how many events it applies, and how long a batch's transaction takes. One set per node, shared by every
/// incarnation of the projection there; the lag gauges read what the projection last measured.
/// </summary>
internal sealed class ProjectionMetrics : IDisposable
{
    /// <summary>The engine's meter; dashboards and OpenTelemetry subscribe to it by this name.</summary>
    public const string MeterName = "AmiOrchestrator";

    public const string LagName = "ami_orchestrator.projection.lag";
    public const string TimeBehindName = "ami_orchestrator.projection.time_behind";
    public const string EventsName = "ami_orchestrator.projection.events";
    public const string BatchDurationName = "ami_orchestrator.projection.batch.duration";

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly Counter<long> events;
    private readonly Histogram<double> batchDuration;
    private long lag;
    private long timeBehindTicks;

    /// <summary>On the host's meter factory when it has one (it disposes its meters), else on a meter of its own.</summary>
    public ProjectionMetrics(IMeterFactory? meters)
    {
        ownsMeter = meters is null;
        meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        meter.CreateObservableGauge(LagName, () => Volatile.Read(ref lag), "{offset}", "The journal's newest deployment event offset minus the read model's offset");
        meter.CreateObservableGauge(
            TimeBehindName, () => TimeSpan.FromTicks(Volatile.Read(ref timeBehindTicks)).TotalSeconds, "s", "How long the oldest deployment event not yet in the read model has waited");
        events = meter.CreateCounter<long>(EventsName, "{event}", "Journal events the projection applied to the read model");
        batchDuration = meter.CreateHistogram<double>(BatchDurationName, "s", "How long the projection took to fold and commit one batch of events");
    }

    public void Observe(ProjectionStatus status)
    {
        Volatile.Write(ref lag, status.Lag);
        Volatile.Write(ref timeBehindTicks, status.TimeBehind.Ticks);
    }

    public void BatchApplied(int count, TimeSpan took)
    {
        events.Add(count);
        batchDuration.Record(took.TotalSeconds);
    }

    public void Dispose()
    {
        if (ownsMeter)
            meter.Dispose();
    }
}
