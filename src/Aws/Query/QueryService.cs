using System.Xml.Linq;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// An AWS service spoken to in the Query protocol: its API version (sent with every call and used by one endpoint
/// to tell services apart), the SigV4 signing name, the host prefix of its regional endpoint and the XML namespace
/// of its responses. <see cref="Name"/> keys the call budget, so the two load-balancing APIs, which share a host,
/// still get a bucket each as AWS throttles them apart.
/// </summary>
internal sealed record QueryService(string Name, string EndpointPrefix, string SigningName, string Version, XNamespace XmlNamespace)
{
    public static QueryService AutoScaling { get; } = new(
        "autoscaling", "autoscaling", "autoscaling", "2011-01-01", "http://autoscaling.amazonaws.com/doc/2011-01-01/");

    public static QueryService ElasticLoadBalancingV2 { get; } = new(
        "elbv2", "elasticloadbalancing", "elasticloadbalancing", "2015-12-01",
        "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");

    public static QueryService ClassicElasticLoadBalancing { get; } = new(
        "elb", "elasticloadbalancing", "elasticloadbalancing", "2012-06-01",
        "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/");

    public static QueryService SecurityTokenService { get; } = new(
        "sts", "sts", "sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/");

    public static QueryService CloudWatch { get; } = new(
        "monitoring", "monitoring", "monitoring", "2010-08-01", "http://monitoring.amazonaws.com/doc/2010-08-01/");
}
