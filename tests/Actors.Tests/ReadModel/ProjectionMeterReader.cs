using System.Diagnostics.Metrics;
using Akka.DependencyInjection;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Tests.Support;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>
/// Listens to one node's projection instruments on the AmiOrchestrator meter. Nodes of other tests run in the same
/// process with meters of the same name, so it listens only to the meters of this node's host (their scope is the
/// host's meter factory).
/// </summary>
internal sealed class ProjectionMeterReader : IDisposable
{
    private readonly MeterListener listener = new();
    private long events;
    private long batches;
    private long batchMicroseconds;
    private long lag = -1;

    public ProjectionMeterReader(EngineNode node)
    {
        var meters = DependencyResolver.For(node.System).Resolver.GetService<IMeterFactory>()
            ?? throw new InvalidOperationException("the node's host has no IMeterFactory, so its instruments cannot be told from other nodes'");
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            if (instrument.Meter.Name == ProjectionMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                subscriber.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == ProjectionMetrics.EventsName)
                Interlocked.Add(ref events, value);
            else if (instrument.Name == ProjectionMetrics.LagName)
                Volatile.Write(ref lag, value);
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name != ProjectionMetrics.BatchDurationName)
                return;
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref batchMicroseconds, (long)(value * 1_000_000));
        });
        listener.Start();
    }

    public long Events => Interlocked.Read(ref events);

    public long Batches => Interlocked.Read(ref batches);

    public double MeanBatchSeconds => Batches == 0 ? 0 : Interlocked.Read(ref batchMicroseconds) / 1_000_000.0 / Batches;

    /// <summary>The lag gauge as it reads now (-1 until it has been read).</summary>
    public long Lag
    {
        get
        {
            listener.RecordObservableInstruments();
            return Volatile.Read(ref lag);
        }
    }

    public bool LagObserved => Volatile.Read(ref lag) >= 0;

    public void Dispose() => listener.Dispose();
}
