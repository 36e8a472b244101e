namespace AmiOrchestrator.Aws.Configuration;

/// <summary>
/// The call budget of one account in one region for one service, shared by every call the process makes: a token
/// bucket refilled at <see cref="RequestsPerSecond"/> holding at most <see cref="Burst"/> tokens. AWS throttles
/// per account and region, so the whole engine must stay under the limit, not each deployment.
/// <para>
/// The defaults stay under every limit AWS publishes for the calls the engine makes, with room for the jitter of
/// requests in flight: Auto Scaling (unpublished; the simulator assumes 5 a second for its mutating calls), EC2
/// (mutating calls 5 a second) and STS at 5 a second, burst 10; the load balancers (describe calls 10 a second,
/// bucket 40) at 10, burst 20; CloudWatch, whose alarm writes are limited to 3 a second, at 2, burst 2.
/// </para>
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>The budget of every service that <see cref="Services"/> does not name.</summary>
    public double RequestsPerSecond { get; init; } = 5;

    public int Burst { get; init; } = 10;

    /// <summary>
    /// Budgets of particular services by their name (autoscaling, ec2, elbv2, elb, monitoring, sts), replacing
    /// <see cref="RequestsPerSecond"/> and <see cref="Burst"/> for them.
    /// </summary>
    public IReadOnlyDictionary<string, ServiceBudget> Services { get; init; } = new Dictionary<string, ServiceBudget>(StringComparer.Ordinal)
    {
        ["elbv2"] = new(10, 20),
        ["elb"] = new(10, 20),
        ["monitoring"] = new(2, 2),
    };

    internal ServiceBudget For(string service) => Services.GetValueOrDefault(service) ?? new ServiceBudget(RequestsPerSecond, Burst);

    internal IEnumerable<string> Problems()
    {
        foreach (var problem in new ServiceBudget(RequestsPerSecond, Burst).Problems("RateLimit"))
            yield return problem;
        foreach (var (service, budget) in Services)
        {
            foreach (var problem in budget.Problems($"RateLimit.Services.{service}"))
                yield return problem;
        }
    }
}
