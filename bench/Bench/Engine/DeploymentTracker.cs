using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Bench.Engine;

/// <summary>
/// Counts the deployments of this process that end, by their final status, from the engine's own
/// <c>amiorchestrator.deployments</c> gauge (an entity adds one to its status when it enters it): nothing is asked of
/// the deployments, so counting costs the engine nothing.
/// </summary>
internal sealed class DeploymentTracker : IDisposable
{
    private static readonly HashSet<string> Terminal =
    [
        nameof(DeploymentStatus.Succeeded), nameof(DeploymentStatus.Failed), nameof(DeploymentStatus.RolledBack),
        nameof(DeploymentStatus.RollbackFailed), nameof(DeploymentStatus.Aborted),
    ];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, int> ended = new(StringComparer.Ordinal);
    private readonly Action? onEnd;
    private int total;

    public DeploymentTracker(Action? onEnd = null)
    {
        this.onEnd = onEnd;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AmiOrchestrator" && instrument.Name == "amiorchestrator.deployments")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, change, tags, _) =>
        {
            if (change <= 0)
                return;
            foreach (var tag in tags)
            {
                if (tag is { Key: "status", Value: string status } && Terminal.Contains(status))
                {
                    ended.AddOrUpdate(status, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref total);
                    this.onEnd?.Invoke();
                }
            }
        });
        listener.Start();
    }

    public int Ended => Volatile.Read(ref total);

    public int Succeeded => ended.GetValueOrDefault(nameof(DeploymentStatus.Succeeded));

    /// <summary>The final statuses seen, such as "Succeeded 100" or "Succeeded 98, RolledBack 2".</summary>
    public string Summary() => ended.IsEmpty ? "none ended" : string.Join(", ", ended.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    /// <summary>Waits until <paramref name="count"/> deployments have ended; throws, saying how far it got, after <paramref name="within"/>.</summary>
    public async Task WaitForAsync(int count, TimeSpan within)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(within.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (Ended < count)
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
                throw new TimeoutException($"only {Ended} of {count} deployments ended within {within} ({Summary()})");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    public void Dispose() => listener.Dispose();
}
