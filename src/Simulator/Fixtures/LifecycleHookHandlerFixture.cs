namespace AmiOrchestrator.Simulator;

/// <summary>
/// A stand-in for the user's lifecycle automation (the bootstrap script that completes a launch hook, the drain job
/// that completes a terminate hook): every lifecycle action of a hook named <see cref="HookName"/> in a group named
/// <see cref="GroupName"/> (both take <c>*</c> and <c>?</c> wildcards) is completed with <see cref="Result"/>
/// (CONTINUE or ABANDON) <see cref="AfterSeconds"/> simulated seconds after it started. It matches the hook, not one
/// group, so the new groups a deployment copies the hook to are handled as well.
/// </summary>
public sealed record LifecycleHookHandlerFixture
{
    public required string HookName { get; init; }

    public string GroupName { get; init; } = "*";

    public int AfterSeconds { get; init; }

    public string Result { get; init; } = "CONTINUE";
}
