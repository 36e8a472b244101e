using System.Diagnostics.Metrics;

namespace AmiOrchestrator.TestSupport;

/// <summary>
/// Records every measurement one instrument of a meter reports while it is listening, from any thread, so that a test
/// can assert on what the engine measured of itself and a benchmark can report it.
/// </summary>
public sealed class InstrumentRecorder<T> : IDisposable
    where T : struct
{
    private readonly MeterListener listener = new();
    private readonly List<T> values = [];

    public InstrumentRecorder(string meter, string instrument)
    {
        listener.InstrumentPublished = (published, l) =>
        {
            if (published.Meter.Name == meter && published.Name == instrument)
                l.EnableMeasurementEvents(published);
        };
        listener.SetMeasurementEventCallback<T>((_, value, _, _) =>
        {
            lock (values)
                values.Add(value);
        });
        listener.Start();
    }

    /// <summary>The measurements so far, in the order they came.</summary>
    public T[] Values
    {
        get
        {
            lock (values)
                return [.. values];
        }
    }

    public void Dispose() => listener.Dispose();
}
