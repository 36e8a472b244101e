using System.Globalization;
using System.Xml.Linq;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.LoadBalancing;

/// <summary>The simulated ELBv2 API (2015-12-01): the target groups of the region and their targets' health.</summary>
internal sealed class ElbV2Api : IQueryApi
{
    public ServiceProfile Profile => ServiceProfile.ElbV2;

    public IReadOnlyDictionary<string, Operation> Operations { get; } = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["DescribeTargetGroups"] = DescribeTargetGroups,
        ["DescribeTargetHealth"] = DescribeTargetHealth,
    };

    private static OperationResult DescribeTargetGroups(OperationContext context)
    {
        var parameters = context.Parameters;
        var arns = parameters.Strings("TargetGroupArns");
        var names = parameters.Strings("Names");
        // Load balancers themselves are not simulated, so none can be found.
        if (parameters["LoadBalancerArn"] is not null)
            throw new AwsException("LoadBalancerNotFound", "One or more load balancers not found");
        var groups = context.Region.TargetGroups;
        if (arns.Any(arn => !groups.ContainsKey(arn)) || names.Any(name => groups.Values.All(g => g.Name != name)))
            throw TargetGroupNotFound();
        var pageSize = Pager.Size(parameters, "PageSize", 400, 1, 400);
        var matching = groups.Values
            .Where(g => arns.Count == 0 || arns.Contains(g.Arn, StringComparer.Ordinal))
            .Where(g => names.Count == 0 || names.Contains(g.Name, StringComparer.Ordinal));
        var page = Pager.Take(
            matching, g => g.Arn, pageSize, parameters["Marker"], "DescribeTargetGroups", () => new AwsException("ValidationError", "Invalid Marker"));
        return OperationResult.Of(
            new XElement("TargetGroups", page.Items.Select(TargetGroup)),
            Xml.Text("NextMarker", page.NextToken));
    }

    private static OperationResult DescribeTargetHealth(OperationContext context)
    {
        var parameters = context.Parameters;
        var arn = parameters.Required("TargetGroupArn");
        var group = context.Region.TargetGroups.GetValueOrDefault(arn) ?? throw TargetGroupNotFound();
        var asked = parameters.Structs("Targets").Select(t => t.Required("Id")).ToList();
        var phases = group.Targets.Phases(context.Now, context.Region.FindInstance).ToDictionary(p => p.InstanceId, p => p.Phase, StringComparer.Ordinal);
        var port = group.Port.ToString(CultureInfo.InvariantCulture);
        IEnumerable<XElement> descriptions = asked.Count == 0
            ? phases.Select(p => Description(p.Key, port, p.Value))
            : asked.Select(id => phases.TryGetValue(id, out var phase)
                ? Description(id, port, phase)
                : Description(id, port, "unused", "Target.NotRegistered", "Target is not registered to the target group"));
        return OperationResult.Of(new XElement("TargetHealthDescriptions", descriptions.ToList()));
    }

    private static XElement Description(string instanceId, string port, TargetPhase phase) => phase switch
    {
        TargetPhase.Registering => Description(instanceId, port, "initial", "Elb.RegistrationInProgress", "Target registration is in progress"),
        TargetPhase.InitialHealthChecks => Description(instanceId, port, "initial", "Elb.InitialHealthChecking", "Initial health checks in progress"),
        TargetPhase.Healthy => Description(instanceId, port, "healthy", null, null),
        TargetPhase.Unhealthy => Description(instanceId, port, "unhealthy", "Target.FailedHealthChecks", "Health checks failed"),
        _ => Description(instanceId, port, "draining", "Target.DeregistrationInProgress", "Target deregistration is in progress"),
    };

    private static XElement Description(string instanceId, string port, string state, string? reason, string? description) => new(
        "member",
        new XElement("Target", new XElement("Id", instanceId), new XElement("Port", port)),
        new XElement("HealthCheckPort", port),
        new XElement(
            "TargetHealth",
            new XElement("State", state),
            Xml.Text("Reason", reason),
            Xml.Text("Description", description)));

    private static XElement TargetGroup(TargetGroupRecord group) => new(
        "member",
        new XElement("TargetGroupArn", group.Arn),
        new XElement("TargetGroupName", group.Name),
        new XElement("Protocol", group.Protocol),
        Xml.Number("Port", group.Port),
        new XElement("VpcId", group.VpcId),
        new XElement("HealthCheckProtocol", group.Protocol),
        new XElement("HealthCheckPort", "traffic-port"),
        new XElement("HealthCheckEnabled", "true"),
        new XElement("HealthCheckIntervalSeconds", "30"),
        new XElement("HealthCheckTimeoutSeconds", "5"),
        new XElement("HealthyThresholdCount", "5"),
        new XElement("UnhealthyThresholdCount", "2"),
        new XElement("HealthCheckPath", group.HealthCheckPath),
        new XElement("Matcher", new XElement("HttpCode", "200")),
        new XElement("LoadBalancerArns"),
        new XElement("TargetType", "instance"),
        new XElement("ProtocolVersion", "HTTP1"),
        new XElement("IpAddressType", "ipv4"));

    private static AwsException TargetGroupNotFound() => new("TargetGroupNotFound", "One or more target groups not found");
}
