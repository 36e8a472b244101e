using System.Xml.Linq;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.LoadBalancing;

/// <summary>The simulated classic ELB API (2012-06-01): instance health behind a load balancer.</summary>
internal sealed class ClassicElbApi : IQueryApi
{
    public ServiceProfile Profile => ServiceProfile.ClassicElb;

    public IReadOnlyDictionary<string, Operation> Operations { get; } = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["DescribeInstanceHealth"] = DescribeInstanceHealth,
    };

    private static OperationResult DescribeInstanceHealth(OperationContext context)
    {
        var parameters = context.Parameters;
        var name = parameters.Required("LoadBalancerName");
        var loadBalancer = context.Region.LoadBalancers.GetValueOrDefault(name)
            ?? throw new AwsException("LoadBalancerNotFound", $"There is no ACTIVE Load Balancer named '{name}'");
        var phases = loadBalancer.Instances.Phases(context.Now, context.Region.FindInstance).ToDictionary(p => p.InstanceId, p => p.Phase, StringComparer.Ordinal);
        var asked = parameters.Structs("Instances").Select(i => i.Required("InstanceId")).ToList();
        foreach (var id in asked.Where(id => !phases.ContainsKey(id)))
            throw new AwsException("InvalidInstance", $"Could not find EC2 instance {id}.");
        var states = (asked.Count == 0 ? [.. phases.Keys] : asked).Select(id => State(id, phases[id])).ToList();
        return OperationResult.Of(new XElement("InstanceStates", states));
    }

    private static XElement State(string instanceId, TargetPhase phase)
    {
        var (state, reasonCode, description) = phase switch
        {
            TargetPhase.Healthy => ("InService", "N/A", "N/A"),
            TargetPhase.Unhealthy => ("OutOfService", "Instance", "Instance has failed at least the UnhealthyThreshold number of health checks consecutively."),
            TargetPhase.Draining => ("OutOfService", "ELB", "Instance deregistration currently in progress."),
            _ => ("OutOfService", "ELB", "Instance registration is still in progress."),
        };
        return new XElement(
            "member",
            new XElement("InstanceId", instanceId),
            new XElement("State", state),
            new XElement("ReasonCode", reasonCode),
            new XElement("Description", description));
    }
}
