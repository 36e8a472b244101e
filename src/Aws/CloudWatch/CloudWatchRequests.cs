using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.CloudWatch;

/// <summary>
/// The CloudWatch (2010-08-01) calls of the engine in the Query protocol. CloudWatch's newest model prefers
/// smithy-rpc-v2-cbor but is declared awsQueryCompatible, so the form encoding every other service here uses still works.
/// </summary>
internal static class CloudWatchRequests
{
    /// <summary>DescribeAlarms and DeleteAlarms take at most 100 alarm names per call.</summary>
    public const int MaxAlarmNamesPerCall = 100;

    public static QueryRequest DescribeAlarms(IEnumerable<string> names) =>
        new("DescribeAlarms", p => p
            .AddList("AlarmNames", names)
            .AddList("AlarmTypes", ["MetricAlarm"])
            .Add("MaxRecords", MaxAlarmNamesPerCall));

    public static QueryRequest PutMetricAlarm(MetricAlarm alarm) =>
        new("PutMetricAlarm", p => p
            .Add("AlarmName", alarm.AlarmName)
            .AddAll(MetricAlarmForm.PutParameters(alarm)));

    public static QueryRequest DeleteAlarms(IEnumerable<string> names) =>
        new("DeleteAlarms", p => p.AddList("AlarmNames", names));
}
