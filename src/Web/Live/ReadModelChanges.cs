using AmiOrchestrator.Web.Engine;
using AmiOrchestrator.Web.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Web.Live;

/// <summary>
/// Tells live streams when the read model has moved. One poller per node asks for the projection's offset (three
/// indexed queries) every <see cref="WebOptions.RefreshInterval"/>, and only while a stream listens; every stream then
/// re-reads just what it shows. This costs the database the same whether one person watches or fifty, and needs
/// nothing from the projection, which may run on another node: any node's read model sees the same tables.
/// </summary>
/// <remarks>
/// The cadence runs on the system clock on purpose, not on the engine's <see cref="TimeProvider"/>: it serves people
/// watching in real time, while the engine's clock may be sped up (a demo, a test) or stopped (a fake clock).
/// </remarks>
internal sealed class ReadModelChanges(EngineClient engine, IOptions<WebOptions> options, ILogger<ReadModelChanges> log) : IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource<long> next = NewSignal();
    private long? offset;
    private long version;
    private int listeners;
    private bool polling;

    /// <summary>How many changes have been seen; a stream passes the last one it acted on to <see cref="AfterAsync"/>.</summary>
    public long Version
    {
        get
        {
            lock (gate)
                return version;
        }
    }

    /// <summary>Starts polling (if nobody else listens yet) until the returned handle is disposed.</summary>
    public IDisposable Listen()
    {
        lock (gate)
        {
            listeners++;
            if (!polling)
            {
                polling = true;
                _ = PollAsync();
            }
        }
        return new Listener(this);
    }

    /// <summary>Completes with the new version once the read model has moved past <paramref name="seen"/>.</summary>
    public Task<long> AfterAsync(long seen, CancellationToken cancellationToken)
    {
        lock (gate)
            return version > seen ? Task.FromResult(version) : next.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task PollAsync()
    {
        while (true)
        {
            lock (gate)
            {
                if (listeners == 0 || stopping.IsCancellationRequested)
                {
                    polling = false;
                    return;
                }
            }
            try
            {
                var status = await engine.StatusAsync(options.Value.EngineTimeout, stopping.Token);
                Moved(status.ProjectedOffset);
                await Task.Delay(options.Value.RefreshInterval, TimeProvider.System, stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The streams keep what they last sent; /ready reports an unreachable database. Try again later.
                log.LogWarning(e, "The read model's offset could not be read; live streams wait for the next try");
                await DelayQuietly(options.Value.RefreshInterval * 4);
            }
        }
    }

    private void Moved(long projected)
    {
        TaskCompletionSource<long> signal;
        long now;
        lock (gate)
        {
            // A rebuild moves the offset back to 0: any difference is a change.
            if (offset == projected)
                return;
            offset = projected;
            now = ++version;
            signal = next;
            next = NewSignal();
        }
        signal.TrySetResult(now);
    }

    private async Task DelayQuietly(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, TimeProvider.System, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop's next turn ends it.
        }
    }

    private void Leave()
    {
        lock (gate)
            listeners--;
    }

    // Continuations run on the pool, never inline in the poller that completes the signal.
    private static TaskCompletionSource<long> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Listener(ReadModelChanges changes) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
                changes.Leave();
        }
    }
}
