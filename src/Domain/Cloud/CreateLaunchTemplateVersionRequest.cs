namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// A new version of an existing template that inherits everything from <see cref="SourceVersion"/> and
/// overrides the image (and the user data, base64, when given). The client token makes a repeat return the
/// version the first call created.
/// </summary>
public sealed record CreateLaunchTemplateVersionRequest(
    string LaunchTemplateId,
    string SourceVersion,
    string ImageId,
    string? UserDataBase64,
    string ClientToken,
    string? VersionDescription);
