namespace AmiOrchestrator.Domain.Cloud;

/// <summary>An ELBv2 target group that exists.</summary>
public sealed record TargetGroup(string Arn, string Name, string? TargetType);
