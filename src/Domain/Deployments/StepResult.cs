using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Planning;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>What a successful step observed that later decisions need.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SetupObserved), "setup-observed")]
[JsonDerivedType(typeof(LaunchTemplateVersionCreated), "launch-template-version-created")]
public abstract record StepResult;

/// <summary>Discovery's findings, from which setup is planned.</summary>
public sealed record SetupObserved(SetupInventory Inventory) : StepResult;

/// <summary>The launch template version the new group launches from.</summary>
public sealed record LaunchTemplateVersionCreated(string LaunchTemplateId, long VersionNumber) : StepResult;
