namespace AmiOrchestrator.Domain.Naming;

/// <summary>
/// A group of the lineage as setup sees it: revision, sizes, instances, age, whether it is Blue/Green's BLUE, and
/// whether a delete is already under way (its name, and so its revision, is still taken).
/// </summary>
public sealed record LineageMember(
    string Name,
    int Revision,
    int MinSize,
    int DesiredCapacity,
    int MaxSize,
    int InstanceCount,
    DateTimeOffset CreatedTime,
    bool IsBlue,
    bool IsBeingDeleted = false);
