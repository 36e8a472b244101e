using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace AmiOrchestrator.Aws.Credentials;

/// <summary>
/// The AWS SDK's default credentials chain (environment, web identity, profile, container, instance metadata),
/// asked afresh on every use: the resolver caches what it found and notices changed variables and profile files,
/// which a credentials object captured once at start-up would not.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() =>
        DefaultAWSCredentialsIdentityResolver.GetCredentials().GetCredentials();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var chain = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync();
        return await chain.GetCredentialsAsync();
    }
}
