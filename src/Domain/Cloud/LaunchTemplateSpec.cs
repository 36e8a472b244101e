namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// Which launch template (by id or name) and which version of it a group launches from. Version is a number,
/// <c>$Latest</c> or <c>$Default</c>; null means the template's default.
/// </summary>
public sealed record LaunchTemplateSpec(string? LaunchTemplateId, string? LaunchTemplateName, string? Version);
