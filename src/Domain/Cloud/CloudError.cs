namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// A failed cloud call in AWS's own words: the error code and message (as AWS sent them), the HTTP status,
/// and whether trying again can help.
/// </summary>
public sealed record CloudError(string Code, string Message, int? HttpStatus, bool Retryable, string? RequestId = null)
{
    /// <summary>The form the AWS CLI prints, so an operator can search for it.</summary>
    public override string ToString() => $"{Code}: {Message}";

    /// <summary>Builds an error from what AWS returned, classifying it with <see cref="CloudErrorCodes.IsRetryable"/>.</summary>
    public static CloudError FromAws(string code, string message, int? httpStatus, string? requestId = null) =>
        new(code, message, httpStatus, CloudErrorCodes.IsRetryable(code, httpStatus), requestId);
}
