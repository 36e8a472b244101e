using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// The failure of a response that arrived but cannot be read (not XML, the wrong document, a field that is not
/// what its type says). It is not retried: asking again returns the same document.
/// </summary>
internal static class InvalidResponse
{
    public const string Code = "InvalidResponse";

    public static CloudException Because(string detail, int? httpStatus = 200, Exception? inner = null)
    {
        var error = CloudError.FromAws(Code, detail, httpStatus);
        return inner is null ? new CloudException(error) : new CloudException(error, inner);
    }
}
