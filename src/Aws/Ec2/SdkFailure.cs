using Amazon.Runtime;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Ec2;

/// <summary>
/// Turns what AWSSDK.EC2 throws into the <see cref="CloudException"/> every other call throws, so that one retry
/// policy and one error vocabulary cover both paths: a service error keeps AWS's code, message, status and request
/// id; a failure to get an answer becomes a timeout or a connection failure; a <see cref="CloudException"/> raised
/// by our own credentials (an AssumeRole refused) comes out unchanged. Anything else the SDK refuses on the client
/// side (no credentials found, an invalid request) is <see cref="ClientError"/>, which is not retried.
/// </summary>
internal static class SdkFailure
{
    public const string ClientError = "ClientError";

    public static CloudException? From(Exception exception, Uri endpoint, CancellationToken cancellationToken)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is CloudException own)
                return own;
        }

        if (exception is AmazonServiceException service)
        {
            var status = service.StatusCode == 0 ? (int?)null : (int)service.StatusCode;
            if (service.ErrorCode is { Length: > 0 } code)
                return new CloudException(CloudError.FromAws(code, service.Message, status, service.RequestId), exception);
            return Lost(service.InnerException, endpoint, cancellationToken, exception)
                ?? new CloudException(CloudError.FromAws($"Http{status}", service.Message, status, service.RequestId), exception);
        }

        if (exception is AmazonClientException client)
        {
            return Lost(client.InnerException, endpoint, cancellationToken, exception)
                ?? new CloudException(CloudError.FromAws(ClientError, client.Message, null), exception);
        }

        return Lost(exception, endpoint, cancellationToken, exception);
    }

    private static CloudException? Lost(Exception? cause, Uri endpoint, CancellationToken cancellationToken, Exception thrown) =>
        cause is not null && TransportFailure.From(cause, endpoint, cancellationToken) is { } failure
            ? new CloudException(failure, thrown)
            : null;
}
