using System.Xml.Linq;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.CloudWatch;

/// <summary>
/// Converts between a DescribeAlarms member and <see cref="MetricAlarm"/>, whose parameters are PutMetricAlarm's in
/// Query form, the way <see cref="AutoScaling.ScalingPolicyForm"/> does for policies: describe's answer is the put's
/// input plus state and bookkeeping fields, so leaving those out is all it takes for a put to recreate the alarm.
/// </summary>
internal static class MetricAlarmForm
{
    /// <summary>Describe-only fields, and the name, which PutMetricAlarm takes from <see cref="MetricAlarm"/> itself.</summary>
    private static readonly HashSet<string> NotParameters = new(StringComparer.Ordinal)
    {
        "AlarmName", "AlarmArn", "AlarmConfigurationUpdatedTimestamp", "StateValue", "StateReason", "StateReasonData",
        "StateUpdatedTimestamp", "StateTransitionedTimestamp", "EvaluationState",
    };

    public static MetricAlarm Read(XElement member)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var child in member.Elements().Where(c => !NotParameters.Contains(c.Name.LocalName)))
            QueryForm.Flatten(child, child.Name.LocalName, parameters);
        return new MetricAlarm(member.RequiredText("AlarmName"), ValueMap.From(parameters))
        {
            AlarmArn = member.Text("AlarmArn"),
            StateValue = member.Text("StateValue"),
        };
    }

    /// <summary>The parameters to send; refuses a map that would also set the name or a describe-only field.</summary>
    public static ValueMap PutParameters(MetricAlarm alarm)
    {
        var clash = alarm.Parameters.Keys.FirstOrDefault(k => NotParameters.Contains(k.Split('.')[0]));
        return clash is null
            ? alarm.Parameters
            : throw new ArgumentException(
                $"Alarm '{alarm.AlarmName}' carries '{clash}' among its parameters; it is not a PutMetricAlarm parameter.",
                nameof(alarm));
    }
}
