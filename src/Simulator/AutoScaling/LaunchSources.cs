using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// Checks the launch source a group is given (launch template, mixed-instances policy, launch configuration or an
/// instance to copy) and resolves what the group's next instance launches with.
/// </summary>
internal static class LaunchSources
{
    // RunInstances' own default when neither the template nor an override names a type.
    private const string DefaultInstanceType = "m1.small";

    public static void ExactlyOne(LaunchTemplateSpec? template, MixedInstancesPolicy? mixed, string? configuration, string? instanceId)
    {
        var given = (template is null ? 0 : 1) + (mixed is null ? 0 : 1) + (configuration is null ? 0 : 1) + (instanceId is null ? 0 : 1);
        if (given != 1)
            throw AutoScalingErrors.OneLaunchSource();
    }

    /// <summary>The template the caller named, checked to exist, with both its id and name filled in.</summary>
    public static LaunchTemplateSpec Template(RegionState region, LaunchTemplateSpec spec)
    {
        if ((spec.LaunchTemplateId is null) == (spec.LaunchTemplateName is null))
            throw AutoScalingErrors.Validation("Valid requests must contain either launchTemplateId or LaunchTemplateName");
        var template = region.FindLaunchTemplate(spec.LaunchTemplateId, spec.LaunchTemplateName)
            ?? throw AutoScalingErrors.Validation("You must use a valid fully-formed launch template. " + TemplateMissing(spec));
        if (template.Resolve(spec.Version) is null)
        {
            throw AutoScalingErrors.Validation(
                $"You must use a valid fully-formed launch template. Could not find the specified version {spec.Version} for the launch template with ID {template.LaunchTemplateId}.");
        }
        return new LaunchTemplateSpec(template.LaunchTemplateId, template.LaunchTemplateName, spec.Version);
    }

    public static void Configuration(RegionState region, string name)
    {
        if (!region.LaunchConfigurations.ContainsKey(name))
            throw AutoScalingErrors.Validation($"Launch configuration name not found - Launch configuration {name} not found");
    }

    /// <summary>
    /// What the group launches next, or the reason a launch fails (AWS records such a launch as a Failed activity
    /// rather than refusing the API call that asked for capacity).
    /// </summary>
    public static (LaunchPlan? Plan, string? Failure) Plan(RegionState region, AutoScalingGroup group)
    {
        string? imageId;
        string? instanceType;
        LaunchTemplateSpec? launchedTemplate = null;
        var templateTags = ValueMap.Empty;
        if (group.EffectiveLaunchTemplate is { } spec)
        {
            var template = region.FindLaunchTemplate(spec.LaunchTemplateId, spec.LaunchTemplateName);
            if (template is null)
                return (null, TemplateMissing(spec) + " Launching EC2 instance failed.");
            var version = template.Resolve(spec.Version);
            if (version is null)
            {
                return (null, $"Could not find the specified version {spec.Version} for the launch template with ID {template.LaunchTemplateId}. Launching EC2 instance failed.");
            }
            imageId = version.ImageId;
            // A mixed-instances group picks its types per instance (MixedInstances); the template's is the fallback.
            instanceType = version.InstanceType;
            launchedTemplate = new LaunchTemplateSpec(
                template.LaunchTemplateId, template.LaunchTemplateName, version.Number.ToString(CultureInfo.InvariantCulture));
            templateTags = InstanceTags(version.Data)
                .SetItem("aws:ec2launchtemplate:id", template.LaunchTemplateId)
                .SetItem("aws:ec2launchtemplate:version", launchedTemplate.Version!);
        }
        else if (group.LaunchConfigurationName is { } name && region.LaunchConfigurations.TryGetValue(name, out var configuration))
        {
            imageId = configuration.Configuration.ImageId;
            instanceType = configuration.Configuration.InstanceType;
        }
        else
        {
            return (null, $"Launch configuration {group.LaunchConfigurationName} not found. Launching EC2 instance failed.");
        }

        if (imageId is null || !region.Images.TryGetValue(imageId, out var image))
            return (null, $"The image id '[{imageId}]' does not exist. Launching EC2 instance failed.");
        if (image.State != "available")
            return (null, $"The image id '[{imageId}]' is not available (state: {image.State}). Launching EC2 instance failed.");
        var plan = new LaunchPlan(image, instanceType ?? DefaultInstanceType, launchedTemplate, group.LaunchConfigurationName, templateTags);
        return (plan, null);
    }

    public static bool IsCurrent(RegionState region, AutoScalingGroup group, SimulatedInstance instance)
    {
        if (group.EffectiveLaunchTemplate is { } spec)
        {
            var template = region.FindLaunchTemplate(spec.LaunchTemplateId, spec.LaunchTemplateName);
            var version = template?.Resolve(spec.Version)?.Number.ToString(CultureInfo.InvariantCulture);
            return instance.LaunchTemplate?.LaunchTemplateId == template?.LaunchTemplateId && instance.LaunchTemplate?.Version == version;
        }
        return instance.LaunchConfigurationName == group.LaunchConfigurationName;
    }

    private static string TemplateMissing(LaunchTemplateSpec spec) => spec.LaunchTemplateId is not null
        ? $"The specified launch template, with template ID {spec.LaunchTemplateId}, does not exist."
        : $"The specified launch template, with template name {spec.LaunchTemplateName}, does not exist.";

    /// <summary>The instance tags of the template's TagSpecification entries.</summary>
    private static ValueMap InstanceTags(ValueMap data)
    {
        var tags = ValueMap.Empty;
        foreach (var typeKey in data.Keys.Where(k => k.StartsWith("TagSpecification.", StringComparison.Ordinal) && k.EndsWith(".ResourceType", StringComparison.Ordinal)))
        {
            if (data[typeKey] != "instance")
                continue;
            var specPrefix = typeKey[..^"ResourceType".Length];
            foreach (var keyKey in data.Keys.Where(k => k.StartsWith(specPrefix + "Tag.", StringComparison.Ordinal) && k.EndsWith(".Key", StringComparison.Ordinal)))
                tags = tags.SetItem(data[keyKey], data.GetValueOrDefault(keyKey[..^"Key".Length] + "Value") ?? string.Empty);
        }
        return tags;
    }
}
