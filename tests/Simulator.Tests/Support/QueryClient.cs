using System.Net;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace AmiOrchestrator.Simulator.Tests.Support;

/// <summary>
/// A minimal signed Query client for tests, signing with AWSSDK.Core's SigV4 signer (which signs
/// x-amz-content-sha256, unlike the CLI). Returns the response root, or throws <see cref="QueryException"/> with AWS's
/// code and message.
/// </summary>
internal sealed class QueryClient(Uri endpoint, AWSCredentials credentials, string region = "us-east-1") : IDisposable
{
    private readonly HttpClient http = new();

    static QueryClient()
    {
        // Explicit credentials and region are always given, but nothing in a test may ever probe instance metadata.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public QueryClient(Uri endpoint, SimulatedAccount account, string region = "us-east-1")
        : this(endpoint, new BasicAWSCredentials(account.AccessKeyId, account.SecretAccessKey), region)
    {
    }

    public Task<XElement> AutoScalingAsync(string action, params (string Key, string Value)[] parameters) =>
        CallAsync("autoscaling", "2011-01-01", action, parameters);

    public Task<XElement> ElbV2Async(string action, params (string Key, string Value)[] parameters) =>
        CallAsync("elasticloadbalancing", "2015-12-01", action, parameters);

    public Task<XElement> ClassicElbAsync(string action, params (string Key, string Value)[] parameters) =>
        CallAsync("elasticloadbalancing", "2012-06-01", action, parameters);

    public Task<XElement> StsAsync(string action, params (string Key, string Value)[] parameters) =>
        CallAsync("sts", "2011-06-15", action, parameters);

    public Task<XElement> CloudWatchAsync(string action, params (string Key, string Value)[] parameters) =>
        CallAsync("monitoring", "2010-08-01", action, parameters);

    public Task<XElement> Ec2Async(string action, params (string Key, string Value)[] parameters) =>
        CallAsync("ec2", "2016-11-15", action, parameters);

    public async Task<XElement> CallAsync(string signingName, string version, string action, params (string Key, string Value)[] parameters)
    {
        using var response = await SendAsync(signingName, [("Action", action), ("Version", version), .. parameters]);
        var text = await response.Content.ReadAsStringAsync();
        var root = XDocument.Parse(text).Root!;
        if (response.StatusCode != HttpStatusCode.OK)
            throw new QueryException(root.Find("Code") ?? "?", root.Find("Message") ?? text, (int)response.StatusCode);
        return root;
    }

    /// <summary>Signs and posts a form body made of exactly these parameters.</summary>
    public async Task<HttpResponseMessage> SendAsync(string signingName, IEnumerable<(string Key, string Value)> parameters)
    {
        var body = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        var signingRequest = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = endpoint, Content = bytes };
        signingRequest.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        var signed = await AWSSigV4Signer.SignAsync(signingRequest, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = signingName,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        foreach (var header in signed.Headers)
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return await http.SendAsync(request);
    }

    public void Dispose() => http.Dispose();
}
