using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using AmiOrchestrator.Aws.Credentials;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// Makes one attempt of a Query-protocol call: encodes the form body, signs it with SigV4 at this moment (a retry
/// calls again and so is signed afresh: a signature is only valid for minutes and the credentials may have been
/// refreshed), posts it, and returns the <c>{Action}Result</c> element or throws <see cref="CloudException"/>.
/// </summary>
internal sealed class QueryClient(HttpClient http, TimeProvider time)
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private const string UserAgent = "ami-orchestrator";

    public async Task<XElement> SendAsync(
        QueryService service,
        Uri endpoint,
        RegionEndpoint region,
        AWSCredentials credentials,
        QueryRequest request,
        CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(request.ToFormBody(service.Version));
        var signingCredentials = await CredentialResolution.ResolveAsync(credentials, cancellationToken);

        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = endpoint, Content = body };
        signing.Headers["Content-Type"] = FormContentType;
        var signed = await AWSSigV4Signer.SignAsync(
            signing,
            new AWSSigV4Parameters
            {
                Credentials = signingCredentials,
                Region = region,
                Service = service.SigningName,
                SignedAt = time.GetUtcNow().UtcDateTime,
            },
            cancellationToken);

        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        // The exact bytes and Content-Type that were signed go on the wire; HttpClient adds nothing else that is signed.
        message.Content.Headers.TryAddWithoutValidation("Content-Type", FormContentType);
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        foreach (var (name, value) in signed.Headers)
            message.Headers.TryAddWithoutValidation(name, value);

        string text;
        HttpStatusCode status;
        string? headerRequestId;
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            text = await response.Content.ReadAsStringAsync(cancellationToken);
            status = response.StatusCode;
            headerRequestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        }
        catch (Exception e) when (TransportFailure.From(e, endpoint, cancellationToken) is { } failure)
        {
            throw new CloudException(failure, e);
        }

        if (status is < HttpStatusCode.OK or >= HttpStatusCode.MultipleChoices)
            throw new CloudException(AwsErrorDocument.Read(text, status, headerRequestId));

        return ResultOf(service, request.Action, text);
    }

    private static XElement ResultOf(QueryService service, string action, string text)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (XmlException e)
        {
            throw InvalidResponse.Because($"{action} answered with a body that is not XML: {e.Message}", inner: e);
        }

        var root = document.Root!;
        // The namespace tells a response of this service from one of another (a misrouted endpoint answers in its
        // own); the root's name is not checked, as AWS's own SDKs do not check it either.
        if (root.Name.Namespace != service.XmlNamespace)
            throw InvalidResponse.Because($"{action} answered in namespace '{root.Name.NamespaceName}', not '{service.XmlNamespace}'");

        // Operations without an output shape (CreateAutoScalingGroup, SetDesiredCapacity, …) have no Result element.
        return root.Element(service.XmlNamespace + action + "Result") ?? root;
    }
}
