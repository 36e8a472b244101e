using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// A CloudWatch metric alarm, kept losslessly as the PutMetricAlarm parameters that recreate it, in AWS Query form
/// (for example <c>Dimensions.member.1.Name</c> = <c>AutoScalingGroupName</c>, <c>AlarmActions.member.1</c> = a
/// scaling policy's ARN), like <see cref="ScalingPolicy"/>. <see cref="StateValue"/> (OK, ALARM or
/// INSUFFICIENT_DATA) and <see cref="AlarmArn"/> are what DescribeAlarms reports; a put ignores them.
/// </summary>
public sealed record MetricAlarm(string AlarmName, ValueMap Parameters)
{
    public string? AlarmArn { get; init; }

    public string? StateValue { get; init; }

    public bool IsInAlarm => StateValue == "ALARM";
}
