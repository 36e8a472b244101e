using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator;

/// <summary>A launch template with its versions, numbered 1, 2, … in the order given.</summary>
public sealed record LaunchTemplateFixture
{
    /// <summary>Generated when absent.</summary>
    public string? LaunchTemplateId { get; init; }

    public required string LaunchTemplateName { get; init; }

    /// <summary>The default version; 1 when absent.</summary>
    public long? DefaultVersion { get; init; }

    public ValueList<LaunchTemplateVersionFixture> Versions { get; init; } = ValueList<LaunchTemplateVersionFixture>.Empty;

    public ValueMap Tags { get; init; } = ValueMap.Empty;
}
