using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>Where the new group's launch template version comes from.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NewVersionOfBaseTemplate), "new-version")]
[JsonDerivedType(typeof(TemplateFromConfiguration), "from-configuration")]
public abstract record LaunchTemplatePlan;

/// <summary>A new version of the base group's own template, inheriting everything from the base version but the image (and user data).</summary>
public sealed record NewVersionOfBaseTemplate(string LaunchTemplateId, long SourceVersion) : LaunchTemplatePlan;

/// <summary>A new template, named like the new group, made from the base group's launch configuration (block devices and user data included).</summary>
public sealed record TemplateFromConfiguration(string LaunchTemplateName, LaunchTemplateData Data) : LaunchTemplatePlan;
