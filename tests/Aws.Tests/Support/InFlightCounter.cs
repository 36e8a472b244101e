namespace AmiOrchestrator.Aws.Tests.Support;

/// <summary>
/// Counts the HTTP requests on their way, so that a test moving a shared fake clock can move it only while none is:
/// each request then reaches the simulator at the simulated moment its caller sent it.
/// </summary>
internal sealed class InFlightCounter() : DelegatingHandler(new SocketsHttpHandler())
{
    private int inFlight;

    public int InFlight => Volatile.Read(ref inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
