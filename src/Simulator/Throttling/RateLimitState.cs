namespace AmiOrchestrator.Simulator;

/// <summary>
/// Where one API's bucket (of <see cref="Service"/>: autoscaling, ec2, elbv2, elb or monitoring) of one account and region stands: its limit, the requests it could take now, the lowest it
/// has been (how close callers came to being throttled) and how many requests it refused.
/// </summary>
public sealed record RateLimitState(
    string AccountId,
    string Region,
    string Service,
    string Api,
    RateLimit Limit,
    double Available,
    double LowestAvailable,
    int Throttled);
