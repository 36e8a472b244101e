namespace AmiOrchestrator.Domain.Cloud;

/// <summary>A tag on a group; <see cref="PropagateAtLaunch"/> copies it onto the instances the group launches.</summary>
public sealed record AsgTag(string Key, string Value, bool PropagateAtLaunch = true);
