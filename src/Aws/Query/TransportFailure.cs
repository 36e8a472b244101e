using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// Names the failures of a call that never got an answer: a timeout (<see cref="CloudErrorCodes.RequestTimeout"/>)
/// or a connection that could not be made or broke (<see cref="CloudErrorCodes.ConnectionFailure"/>). Both are
/// retryable. Cancellation by the caller is not a failure and is left to propagate.
/// </summary>
internal static class TransportFailure
{
    public static CloudError? From(Exception exception, Uri endpoint, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && exception is OperationCanceledException)
            return null;
        return exception switch
        {
            // HttpClient.Timeout surfaces as a TaskCanceledException whose inner exception is a TimeoutException;
            // with the caller's token not cancelled, the timeout is the only other source of cancellation.
            TimeoutException or OperationCanceledException => CloudError.FromAws(
                CloudErrorCodes.RequestTimeout, $"No response from {endpoint.Host} in time", null),
            HttpRequestException http => CloudError.FromAws(
                CloudErrorCodes.ConnectionFailure, $"Could not reach {endpoint.Host}: {http.Message}", null),
            IOException io => CloudError.FromAws(
                CloudErrorCodes.ConnectionFailure, $"Connection to {endpoint.Host} broke: {io.Message}", null),
            _ => null,
        };
    }
}
