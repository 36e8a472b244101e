namespace AmiOrchestrator.Aws.Configuration;

/// <summary>
/// How the engine reaches AWS: where (real endpoints per region, or one endpoint for every service such as the
/// simulator), as whom (the default credentials chain or explicit keys, plus the role a target names), and how
/// patiently (retries, the per-account call budget, the HTTP timeout). Shaped for binding from configuration.
/// </summary>
public sealed record AwsOptions
{
    /// <summary>One endpoint for every service (the simulator, a VPC endpoint proxy); null means the region's public endpoints.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>The region used for a target that does not name one.</summary>
    public string DefaultRegion { get; init; } = "us-east-1";

    /// <summary>Explicit access key; when null the AWS SDK's default credentials chain is used.</summary>
    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    public string? SessionToken { get; init; }

    /// <summary>
    /// A role the engine assumes in every target whose spec names none (<c>infrastructure.roleArn</c> wins when given):
    /// the engine's own credentials then only need sts:AssumeRole, and the role holds the Auto Scaling permissions.
    /// </summary>
    public string? RoleArn { get; init; }

    /// <summary>The RoleSessionName of AssumeRole calls: it is what CloudTrail shows in the target account.</summary>
    public string RoleSessionName { get; init; } = "ami-orchestrator";

    /// <summary>How long assumed-role credentials are asked to live (AssumeRole DurationSeconds, 900 s to the role's maximum).</summary>
    public TimeSpan AssumeRoleDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long before their expiry assumed-role credentials are replaced, so that no request is signed with a key about to lapse.</summary>
    public TimeSpan CredentialRefreshMargin { get; init; } = TimeSpan.FromMinutes(10);

    public RetryOptions Retry { get; init; } = new();

    public RateLimitOptions RateLimit { get; init; } = new();

    /// <summary>Time allowed for one HTTP attempt, response body included.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when the options cannot work, naming every problem, so a bad configuration fails at start-up rather than on the first deployment.</summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid AWS options: " + string.Join("; ", problems) + ".");
    }

    /// <summary>Every reason the options cannot work, each naming the setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(DefaultRegion))
            yield return "DefaultRegion must not be empty";
        if (EndpointUrl is { IsAbsoluteUri: false })
            yield return "EndpointUrl must be an absolute URL";
        if (string.IsNullOrEmpty(AccessKeyId) != string.IsNullOrEmpty(SecretAccessKey))
            yield return "AccessKeyId and SecretAccessKey must be given together";
        if (!string.IsNullOrEmpty(SessionToken) && string.IsNullOrEmpty(AccessKeyId))
            yield return "SessionToken needs AccessKeyId and SecretAccessKey";
        if (RoleArn is not null && Credentials.AssumeRole.AccountOf(RoleArn) is null)
            yield return $"RoleArn '{RoleArn}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/deployer";
        if (string.IsNullOrWhiteSpace(RoleSessionName) || RoleSessionName.Length is < 2 or > 64)
            yield return "RoleSessionName must be 2 to 64 characters";
        if (AssumeRoleDuration < TimeSpan.FromMinutes(15) || AssumeRoleDuration > TimeSpan.FromHours(12))
            yield return "AssumeRoleDuration must be between 15 minutes and 12 hours";
        if (CredentialRefreshMargin < TimeSpan.Zero)
            yield return "CredentialRefreshMargin must not be negative";
        if (HttpTimeout <= TimeSpan.Zero)
            yield return "HttpTimeout must be positive";
        foreach (var problem in Retry.Problems().Concat(RateLimit.Problems()))
            yield return problem;
    }
}
