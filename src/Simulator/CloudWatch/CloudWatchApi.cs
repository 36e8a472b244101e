using System.Text.Json;
using System.Xml.Linq;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.CloudWatch;

/// <summary>
/// The simulated CloudWatch API (2010-08-01, Query protocol): metric alarms, enough for alarm gates and alarm-driven
/// scaling policies. Alarms keep their PutMetricAlarm parameters as sent and describe them back under the same names.
/// </summary>
internal sealed class CloudWatchApi : IQueryApi
{
    private const int MaxAlarmNames = 100;

    private static readonly string[] ComparisonOperators =
    [
        "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
        "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
    ];

    private static readonly string[] Statistics = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

    public ServiceProfile Profile => ServiceProfile.CloudWatch;

    public IReadOnlyDictionary<string, Operation> Operations { get; } = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["DescribeAlarms"] = DescribeAlarms,
        ["PutMetricAlarm"] = PutMetricAlarm,
        ["DeleteAlarms"] = DeleteAlarms,
        ["SetAlarmState"] = SetAlarmState,
    };

    private static OperationResult DescribeAlarms(OperationContext context)
    {
        var parameters = context.Parameters;
        var names = AlarmNames(parameters, required: false);
        var prefix = parameters["AlarmNamePrefix"];
        if (prefix is not null && names.Count > 0)
            throw new AwsException("InvalidParameterCombination", "AlarmNamePrefix and AlarmNames cannot be used together.");
        var state = parameters["StateValue"];
        var actionPrefix = parameters["ActionPrefix"];
        var types = parameters.Strings("AlarmTypes");
        var pageSize = Pager.Size(parameters, "MaxRecords", 50, 1, 100);
        var metricAlarms = types.Count == 0 || types.Contains("MetricAlarm", StringComparer.Ordinal);
        var alarms = context.Region.Alarms.Values
            .Where(_ => metricAlarms)
            .Where(a => names.Count == 0 || names.Contains(a.Name, StringComparer.Ordinal))
            .Where(a => prefix is null || a.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(a => state is null || a.StateValue == state)
            .Where(a => actionPrefix is null || a.AlarmActions.Any(arn => arn.StartsWith(actionPrefix, StringComparison.Ordinal)));
        var page = Pager.Take(alarms, a => a.Name, pageSize, parameters["NextToken"], "DescribeAlarms",
            () => new AwsException("InvalidNextToken", "The service cannot find the specified token."));
        return OperationResult.Of(
            new XElement("MetricAlarms", page.Items.Select(CloudWatchXml.Alarm)),
            types.Contains("CompositeAlarm", StringComparer.Ordinal) ? new XElement("CompositeAlarms") : null,
            Xml.Text("NextToken", page.NextToken));
    }

    /// <summary>Creates or replaces an alarm by name. A replaced alarm keeps its state, as CloudWatch documents.</summary>
    private static OperationResult PutMetricAlarm(OperationContext context)
    {
        var parameters = context.Parameters;
        var name = parameters.Required("AlarmName");
        if (name.Length > 255)
            throw parameters.Invalid("AlarmName", name, "Member must have length less than or equal to 255");
        var periods = parameters.Int("EvaluationPeriods") ?? throw parameters.Missing("EvaluationPeriods");
        if (periods < 1)
            throw parameters.Invalid("EvaluationPeriods", periods.ToString(System.Globalization.CultureInfo.InvariantCulture), "Member must have value greater than or equal to 1");
        var comparison = parameters.Required("ComparisonOperator");
        if (!ComparisonOperators.Contains(comparison, StringComparer.Ordinal))
            throw parameters.Invalid("ComparisonOperator", comparison, $"Member must satisfy enum value set: [{string.Join(", ", ComparisonOperators)}]");
        var onMetric = parameters["MetricName"] is not null;
        var onMetrics = parameters.Has("Metrics");
        if (onMetric == onMetrics)
            throw new AwsException("ValidationError", "Exactly one of MetricName and Metrics must be specified.");
        if (onMetric)
        {
            parameters.Required("Namespace");
            if (parameters["Statistic"] is { } statistic && !Statistics.Contains(statistic, StringComparer.Ordinal))
                throw parameters.Invalid("Statistic", statistic, $"Member must satisfy enum value set: [{string.Join(", ", Statistics)}]");
            if (parameters["Statistic"] is null && parameters["ExtendedStatistic"] is null)
                throw new AwsException("ValidationError", "One of Statistic or ExtendedStatistic must be specified.");
            if (parameters.Int("Period") is not { } period || period < 1)
                throw parameters.Missing("Period");
        }
        if (parameters["Threshold"] is null && parameters["ThresholdMetricId"] is null)
            throw new AwsException("ValidationError", "One of Threshold or ThresholdMetricId must be specified.");

        var settings = parameters.Flatten("Action", "Version", "AlarmName");
        if (context.Region.Alarms.TryGetValue(name, out var existing))
        {
            existing.Parameters = settings;
            existing.ConfigurationUpdatedAt = context.Now;
        }
        else
        {
            context.Region.Alarms[name] = new AlarmRecord
            {
                Name = name,
                Arn = CloudWatchXml.AlarmArn(context.Region, name),
                Parameters = settings,
                ConfigurationUpdatedAt = context.Now,
                StateUpdatedAt = context.Now,
            };
        }
        return OperationResult.NoOutput;
    }

    /// <summary>Deletes alarms by name; names that do not exist are passed over, so a retried delete succeeds.</summary>
    private static OperationResult DeleteAlarms(OperationContext context)
    {
        foreach (var name in AlarmNames(context.Parameters, required: true))
            context.Region.Alarms.Remove(name);
        return OperationResult.NoOutput;
    }

    private static OperationResult SetAlarmState(OperationContext context)
    {
        var parameters = context.Parameters;
        var name = parameters.Required("AlarmName");
        var value = parameters.Required("StateValue");
        var reason = parameters.Required("StateReason");
        var data = parameters["StateReasonData"];
        if (data is not null && !IsJson(data))
            throw new AwsException("InvalidFormat", "StateReasonData is not valid JSON.");
        AlarmStates.Set(context.Region, name, value, reason, data, context.Now);
        return OperationResult.NoOutput;
    }

    private static IReadOnlyList<string> AlarmNames(QueryParameters parameters, bool required)
    {
        var names = parameters.Strings("AlarmNames");
        if (required && names.Count == 0)
            throw parameters.Missing("AlarmNames");
        if (names.Count > MaxAlarmNames)
            throw parameters.Invalid("AlarmNames", "[" + string.Join(", ", names) + "]", $"Member must have length less than or equal to {MaxAlarmNames}");
        return names;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
