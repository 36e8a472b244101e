namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// The error codes the engine reasons about, and the one place that decides which failures are worth
/// retrying (AWS's throttling and transient codes, 5xx, timeouts, and Auto Scaling's
/// ScalingActivityInProgress / ResourceContention, which clear on their own).
/// </summary>
public static class CloudErrorCodes
{
    public const string AlreadyExists = "AlreadyExists";
    public const string ValidationError = "ValidationError";
    public const string ResourceInUse = "ResourceInUse";
    public const string ResourceContention = "ResourceContention";
    public const string ScalingActivityInProgress = "ScalingActivityInProgress";
    public const string LimitExceeded = "LimitExceeded";
    public const string Throttling = "Throttling";
    public const string RequestLimitExceeded = "RequestLimitExceeded";
    public const string InvalidAmiIdNotFound = "InvalidAMIID.NotFound";
    public const string InvalidAmiIdMalformed = "InvalidAMIID.Malformed";
    public const string LaunchTemplateIdNotFound = "InvalidLaunchTemplateId.NotFound";
    public const string LaunchTemplateNameNotFound = "InvalidLaunchTemplateName.NotFoundException";
    public const string LaunchTemplateVersionNotFound = "InvalidLaunchTemplateId.VersionNotFound";
    public const string LaunchTemplateNameInUse = "InvalidLaunchTemplateName.AlreadyExistsException";
    public const string TargetGroupNotFound = "TargetGroupNotFound";
    public const string LoadBalancerNotFound = "LoadBalancerNotFound";

    /// <summary>Codes the engine's client uses for failures that never reached AWS or never came back.</summary>
    public const string RequestTimeout = "RequestTimeout";
    public const string ConnectionFailure = "ConnectionFailure";

    private static readonly HashSet<string> RetryableCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        // Throttling family, as AWS SDKs list it.
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
        // Transient.
        "RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalError", "ServiceUnavailable",
        ConnectionFailure,
        // Auto Scaling states that clear by themselves.
        ScalingActivityInProgress, ResourceContention,
        // The service-linked role is created asynchronously on first use of Auto Scaling in an account.
        "ServiceLinkedRoleFailure",
    };

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown",
        "EC2ThrottledException", "BandwidthLimitExceeded",
    };

    /// <summary>
    /// True when trying the same call again may succeed. Note that Auto Scaling's <c>LimitExceeded</c> is a
    /// quota error and is not retried, unlike the <c>LimitExceededException</c> of other services.
    /// </summary>
    public static bool IsRetryable(string code, int? httpStatus) =>
        RetryableCodes.Contains(code) || httpStatus is >= 500 and <= 599 || httpStatus == 429;

    /// <summary>True for rate limiting, which deserves a longer back-off than other transient errors.</summary>
    public static bool IsThrottling(string code) => ThrottlingCodes.Contains(code);

    /// <summary>
    /// True when the error says the thing addressed does not exist. Auto Scaling reports a missing group as a
    /// <c>ValidationError</c> whose message says "not found"; CloudWatch a missing alarm as <c>ResourceNotFound</c>.
    /// </summary>
    public static bool IsNotFound(CloudError error) =>
        error.Code.EndsWith(".NotFound", StringComparison.Ordinal)
        || error.Code.EndsWith("NotFoundException", StringComparison.Ordinal)
        || error.Code.EndsWith(".VersionNotFound", StringComparison.Ordinal)
        || error.Code is TargetGroupNotFound or LoadBalancerNotFound or "ResourceNotFound"
        || (error.Code == ValidationError && error.Message.Contains("not found", StringComparison.OrdinalIgnoreCase));
}
