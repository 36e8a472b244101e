using Amazon.Runtime;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Credentials;

/// <summary>
/// Resolves the credentials a request is signed with, once per attempt, into a fixed set handed to the signer, so
/// that the keys checked here are exactly the keys signed with.
/// </summary>
internal static class CredentialResolution
{
    public const string CredentialsUnavailable = "CredentialsUnavailable";

    public static async Task<AWSCredentials> ResolveAsync(AWSCredentials source, CancellationToken cancellationToken)
    {
        ImmutableCredentials resolved;
        try
        {
            // Resolution (a profile file, IMDS, STS) is not cancellable in the SDK's API; the wait for it is.
            resolved = await source.GetCredentialsAsync().WaitAsync(cancellationToken);
        }
        catch (AmazonClientException e)
        {
            throw new CloudException(CloudError.FromAws(CredentialsUnavailable, e.Message, null), e);
        }

        return resolved.UseToken
            ? new SessionAWSCredentials(resolved.AccessKey, resolved.SecretKey, resolved.Token)
            : new BasicAWSCredentials(resolved.AccessKey, resolved.SecretKey);
    }
}
