using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>An AMI as DescribeImages reports it.</summary>
public sealed record MachineImage(
    string ImageId,
    string Name,
    string State,
    string OwnerId,
    DateTimeOffset CreationDate,
    ValueMap Tags);
