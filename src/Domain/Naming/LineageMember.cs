namespace AmiOrchestrator.Domain.Naming;

/// <summary>A group of the lineage as setup sees it: revision, sizes, instances, age, and whether it is Blue/Green's BLUE.</summary>
public sealed record LineageMember(
    string Name,
    int Revision,
    int MinSize,
    int DesiredCapacity,
    int MaxSize,
    int InstanceCount,
    DateTimeOffset CreatedTime,
    bool IsBlue);
