using System.Xml.Linq;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.LoadBalancing;

/// <summary>Reads the results of the load-balancing calls into domain types.</summary>
internal static class LoadBalancingResponses
{
    public static IEnumerable<TargetGroup> TargetGroups(XElement result) =>
        result.Members("TargetGroups").Select(m => new TargetGroup(
            m.RequiredText("TargetGroupArn"),
            m.RequiredText("TargetGroupName"),
            m.Text("TargetType")));

    public static IEnumerable<TargetHealth> TargetHealth(XElement result) =>
        result.Members("TargetHealthDescriptions").Select(m =>
        {
            var target = m.Child("Target") ?? throw InvalidResponse.Because("<TargetHealthDescriptions> member has no <Target>");
            var health = m.Child("TargetHealth") ?? throw InvalidResponse.Because("<TargetHealthDescriptions> member has no <TargetHealth>");
            return new TargetHealth(target.RequiredText("Id"), health.RequiredText("State"), health.Text("Reason"));
        });

    public static IEnumerable<LoadBalancerInstanceHealth> InstanceHealth(XElement result) =>
        result.Members("InstanceStates").Select(m => new LoadBalancerInstanceHealth(
            m.RequiredText("InstanceId"),
            m.RequiredText("State")));
}
