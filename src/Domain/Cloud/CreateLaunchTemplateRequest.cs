namespace AmiOrchestrator.Domain.Cloud;

/// <summary>A new launch template (used when a base group still runs on a launch configuration).</summary>
public sealed record CreateLaunchTemplateRequest(string LaunchTemplateName, LaunchTemplateData Data, string ClientToken);
