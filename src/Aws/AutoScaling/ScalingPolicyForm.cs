using System.Xml.Linq;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.AutoScaling;

/// <summary>
/// Converts between a DescribePolicies member and <see cref="ScalingPolicy"/>, whose parameters are
/// PutScalingPolicy's in Query form. The XML is flattened without knowing the policy types: a nested element
/// becomes <c>A.B</c>, the items of a list <c>A.member.N</c>. Describe's answer is PutScalingPolicy's input shape
/// plus a few output-only fields, so leaving those out is all it takes for a put to recreate the policy, and
/// whatever AWS adds to a policy later is carried along too.
/// </summary>
internal static class ScalingPolicyForm
{
    /// <summary>Describe-only fields, and the three that PutScalingPolicy takes from <see cref="ScalingPolicy"/> itself.</summary>
    private static readonly HashSet<string> NotParameters = new(StringComparer.Ordinal)
    {
        "AutoScalingGroupName", "PolicyName", "PolicyType", "PolicyARN", "Alarms",
    };

    public static ScalingPolicy Read(XElement member)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var child in member.Elements().Where(c => !NotParameters.Contains(c.Name.LocalName)))
            QueryForm.Flatten(child, child.Name.LocalName, parameters);
        return new ScalingPolicy(
            member.RequiredText("PolicyName"),
            // Policies created before policy types existed are simple ones, and AWS may omit the type for them.
            member.Text("PolicyType") ?? "SimpleScaling",
            ValueMap.From(parameters))
        {
            PolicyArn = member.Text("PolicyARN"),
            AlarmNames = member.Members("Alarms").Select(a => a.RequiredText("AlarmName")).ToValueList(),
        };
    }

    /// <summary>The parameters to send; refuses a map that would also set the group, the name or the type.</summary>
    public static ValueMap PutParameters(ScalingPolicy policy)
    {
        var clash = policy.Parameters.Keys.FirstOrDefault(NotParameters.Contains);
        return clash is null
            ? policy.Parameters
            : throw new ArgumentException(
                $"Policy '{policy.PolicyName}' carries '{clash}' among its parameters; it is not a PutScalingPolicy parameter.",
                nameof(policy));
    }
}
