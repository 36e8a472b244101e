using System.Net;
using System.Xml;
using System.Xml.Linq;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// Reads AWS's error documents into a <see cref="CloudError"/>. Both shapes are read by the same path:
/// Query services send <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>,
/// EC2 sends <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;</c>
/// (capital ID). A body that is not such a document (a proxy's HTML 502, an empty 503) still yields an error
/// named after the HTTP status, so that 5xx stays retryable.
/// </summary>
internal static class AwsErrorDocument
{
    public static CloudError Read(string body, HttpStatusCode status, string? headerRequestId = null)
    {
        var httpStatus = (int)status;
        var error = TryParse(body)?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        var code = error?.Text("Code");
        if (error is null || code is null)
        {
            var excerpt = body.Length > 200 ? body[..200] + "…" : body;
            return CloudError.FromAws(
                $"Http{httpStatus}",
                $"HTTP {httpStatus} ({status}) without an AWS error document{(excerpt.Length > 0 ? ": " + excerpt.Trim() : "")}",
                httpStatus,
                headerRequestId);
        }

        var requestId = error.Document!.Descendants()
            .FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
        return CloudError.FromAws(code, error.Text("Message") ?? string.Empty, httpStatus, requestId ?? headerRequestId);
    }

    private static XDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            return XDocument.Parse(body);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
