namespace AmiOrchestrator.Simulator;

/// <summary>
/// A lifecycle action an instance waits on, with what AWS's notification of it would carry (the token that
/// CompleteLifecycleAction and RecordLifecycleActionHeartbeat accept) and when it times out.
/// </summary>
public sealed record PendingLifecycleAction(
    string GroupName, string InstanceId, string HookName, string Transition, string Token, DateTimeOffset TimesOutAt);
