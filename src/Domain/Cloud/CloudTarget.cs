namespace AmiOrchestrator.Domain.Cloud;

/// <summary>Where a deployment's calls go: a region, and the IAM role to assume there (null = the engine's own credentials).</summary>
public sealed record CloudTarget(string Region, string? RoleArn);
