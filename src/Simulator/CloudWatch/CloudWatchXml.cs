using System.Xml.Linq;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.CloudWatch;

/// <summary>The awsQuery elements of CloudWatch's alarms: the put parameters under their own names, plus state and bookkeeping.</summary>
internal static class CloudWatchXml
{
    private static readonly string[] ActionLists = ["OKActions", "AlarmActions", "InsufficientDataActions"];

    public static string AlarmArn(RegionState region, string name) => $"arn:aws:cloudwatch:{region.Region}:{region.AccountId}:alarm:{name}";

    public static XElement Alarm(AlarmRecord alarm)
    {
        var parameters = alarm.Parameters;
        return new XElement(
            "member",
            new XElement("AlarmName", alarm.Name),
            new XElement("AlarmArn", alarm.Arn),
            Xml.Time("AlarmConfigurationUpdatedTimestamp", alarm.ConfigurationUpdatedAt),
            new XElement("ActionsEnabled", parameters.GetValueOrDefault("ActionsEnabled") ?? "true"),
            ParameterXml.ToElements(parameters.Remove("ActionsEnabled"), QueryDialect.AwsQuery),
            // CloudWatch lists an alarm's action lists even when they are empty.
            ActionLists.Where(list => !parameters.Keys.Any(k => k == list || k.StartsWith(list + ".", StringComparison.Ordinal))).Select(list => new XElement(list)),
            new XElement("StateValue", alarm.StateValue),
            new XElement("StateReason", alarm.StateReason),
            Xml.Text("StateReasonData", alarm.StateReasonData),
            Xml.Time("StateUpdatedTimestamp", alarm.StateUpdatedAt),
            Xml.Time("StateTransitionedTimestamp", alarm.StateUpdatedAt));
    }
}
