namespace AmiOrchestrator.Aws.Configuration;

/// <summary>
/// The call budget of one account in one region for one service, shared by every call the process makes: a token
/// bucket refilled at <see cref="RequestsPerSecond"/> holding at most <see cref="Burst"/> tokens. AWS throttles
/// per account and region, so the whole engine must stay under the limit, not each deployment.
/// </summary>
public sealed record RateLimitOptions
{
    public double RequestsPerSecond { get; init; } = 10;

    public int Burst { get; init; } = 20;

    internal IEnumerable<string> Problems()
    {
        if (!(RequestsPerSecond > 0) || double.IsInfinity(RequestsPerSecond))
            yield return "RateLimit.RequestsPerSecond must be a positive number";
        if (Burst < 1)
            yield return "RateLimit.Burst must be at least 1";
    }
}
