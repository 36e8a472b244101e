using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Steps.Changes;

/// <summary>
/// The new group's launch template: a new version of the base group's template, or a template made from its launch
/// configuration. Both carry a client token derived from the deployment, so EC2 answers a repeat with what the first
/// call created instead of creating it twice.
/// </summary>
internal static class LaunchTemplateSteps
{
    public static async Task<StepCompletion> CreateVersionAsync(StepContext context, CreateLaunchTemplateVersion create, CancellationToken cancellationToken)
    {
        var version = await context.Cloud.CreateLaunchTemplateVersionAsync(
            new CreateLaunchTemplateVersionRequest(
                create.LaunchTemplateId,
                create.SourceVersion.ToString(CultureInfo.InvariantCulture),
                create.ImageId,
                create.UserDataBase64,
                create.ClientToken,
                $"ami-orchestrator deployment {context.DeploymentId}"),
            cancellationToken);
        return new StepCompletion(
            $"version {version.VersionNumber} of {version.LaunchTemplateId} on {create.ImageId}",
            new LaunchTemplateVersionCreated(version.LaunchTemplateId, version.VersionNumber));
    }

    public static async Task<StepCompletion> CreateTemplateAsync(StepContext context, CreateLaunchTemplate create, CancellationToken cancellationToken)
    {
        var version = await context.Cloud.CreateLaunchTemplateAsync(
            new CreateLaunchTemplateRequest(create.LaunchTemplateName, create.Data, create.ClientToken), cancellationToken);
        return new StepCompletion(
            $"launch template {create.LaunchTemplateName} ({version.LaunchTemplateId}) version {version.VersionNumber}",
            new LaunchTemplateVersionCreated(version.LaunchTemplateId, version.VersionNumber));
    }
}
