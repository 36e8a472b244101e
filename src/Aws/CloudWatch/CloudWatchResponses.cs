using System.Xml.Linq;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.CloudWatch;

/// <summary>Reads the results of the CloudWatch calls into domain types.</summary>
internal static class CloudWatchResponses
{
    public static IEnumerable<MetricAlarm> MetricAlarms(XElement result) =>
        result.Members("MetricAlarms").Select(MetricAlarmForm.Read);
}
