namespace AmiOrchestrator.Domain.Cloud;

/// <summary>One numbered version of a launch template, with the fields of its data the engine reads.</summary>
public sealed record LaunchTemplateVersion(
    string LaunchTemplateId,
    string LaunchTemplateName,
    long VersionNumber,
    string? ImageId,
    string? InstanceType,
    string? UserData);
