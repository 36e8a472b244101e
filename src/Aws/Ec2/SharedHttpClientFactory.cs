using Amazon.Runtime;

namespace AmiOrchestrator.Aws.Ec2;

/// <summary>
/// Hands AWSSDK.EC2 the process's one HttpClient, so EC2 calls share its connection pool, timeout and handler with
/// the Query calls. The SDK must neither cache nor dispose it: its owner does.
/// </summary>
internal sealed class SharedHttpClientFactory(HttpClient client) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => client;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
