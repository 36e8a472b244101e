namespace AmiOrchestrator.Simulator;

/// <summary>
/// An ELBv2 target group. Registered instances turn healthy <see cref="HealthySeconds"/> after they are InService;
/// deregistered ones drain for <see cref="DeregistrationDelaySeconds"/> (AWS's default is 300), and scale-in waits
/// for that draining before the instance shuts down, as in AWS.
/// </summary>
public sealed record TargetGroupFixture
{
    /// <summary>An ARN of the form <c>arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID</c>.</summary>
    public required string Arn { get; init; }

    public int HealthySeconds { get; init; } = 10;

    public int DeregistrationDelaySeconds { get; init; } = 300;

    public int Port { get; init; } = 80;

    public string Protocol { get; init; } = "HTTP";

    public string? VpcId { get; init; }

    public string HealthCheckPath { get; init; } = "/";
}
