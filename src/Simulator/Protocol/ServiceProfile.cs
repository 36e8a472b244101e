namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>
/// What identifies one simulated service on the shared endpoint (its Query <c>Version</c> and SigV4 signing name)
/// and how it speaks: dialect, XML namespace, and the codes it uses for throttling and internal failures.
/// <see cref="Name"/> tells apart the two load-balancing APIs, which share a signing name but not their buckets.
/// </summary>
internal sealed record ServiceProfile(string Name, string Version, string SigningName, string XmlNamespace, QueryDialect Dialect)
{
    public static ServiceProfile AutoScaling { get; } =
        new("autoscaling", "2011-01-01", "autoscaling", "http://autoscaling.amazonaws.com/doc/2011-01-01/", QueryDialect.AwsQuery);

    public static ServiceProfile Ec2 { get; } =
        new("ec2", "2016-11-15", "ec2", "http://ec2.amazonaws.com/doc/2016-11-15/", QueryDialect.Ec2);

    public static ServiceProfile ElbV2 { get; } =
        new("elbv2", "2015-12-01", "elasticloadbalancing", "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", QueryDialect.AwsQuery);

    public static ServiceProfile ClassicElb { get; } =
        new("elb", "2012-06-01", "elasticloadbalancing", "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/", QueryDialect.AwsQuery);

    // STS's namespace is https, unlike the others.
    public static ServiceProfile Sts { get; } =
        new("sts", "2011-06-15", "sts", "https://sts.amazonaws.com/doc/2011-06-15/", QueryDialect.AwsQuery);

    // CloudWatch's newest model prefers smithy-rpc-v2-cbor but is declared awsQueryCompatible: the Query form still works.
    public static ServiceProfile CloudWatch { get; } =
        new("monitoring", "2010-08-01", "monitoring", "http://monitoring.amazonaws.com/doc/2010-08-01/", QueryDialect.AwsQuery);

    public bool IsEc2 => Dialect == QueryDialect.Ec2;

    /// <summary>EC2 throttles with 503 RequestLimitExceeded; the awsQuery services with 400 Throttling.</summary>
    public AwsException Throttled() => IsEc2
        ? new AwsException("RequestLimitExceeded", "Request limit exceeded.", 503)
        : new AwsException("Throttling", "Rate exceeded", 400);

    public AwsException InternalFailure() => IsEc2
        ? new AwsException("InternalError", "An internal error has occurred", 500)
        : new AwsException(
            "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.",
            500);

    public AwsException UnknownAction(string action) => IsEc2
        ? new AwsException("InvalidAction", $"The action {action} is not valid for this web service.")
        : new AwsException("InvalidAction", $"Could not find operation {action} for version {Version}");
}
