using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling.Lifecycle;

/// <summary>
/// A stand-in for the user's bootstrap or drain automation: every lifecycle action of a hook whose name matches
/// <see cref="HookName"/> in a group whose name matches <see cref="GroupName"/> (both take <c>*</c> and <c>?</c>) is
/// completed with <see cref="Result"/> <see cref="After"/> its start. It follows the hook, not the group, so the
/// groups a deployment copies the hook to are handled too.
/// </summary>
internal sealed record LifecycleHookHandler(string HookName, string GroupName, TimeSpan After, string Result)
{
    public bool Handles(string groupName, string hookName) =>
        WildcardPattern.IsMatch(HookName, hookName) && WildcardPattern.IsMatch(GroupName, groupName);
}
