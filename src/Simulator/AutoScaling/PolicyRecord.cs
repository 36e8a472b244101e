using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>A stored scaling policy with the ARN it was given and the CloudWatch alarms AWS would have made for it.</summary>
internal sealed record PolicyRecord(ScalingPolicy Policy, string Arn, IReadOnlyList<string> AlarmNames);
