using AmiOrchestrator.Simulator.AutoScaling.Scaling;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.CloudWatch;

/// <summary>The three alarm states, and the one way to change an alarm's state so that its actions follow.</summary>
internal static class AlarmStates
{
    public const string Ok = "OK";
    public const string Alarm = "ALARM";
    public const string InsufficientData = "INSUFFICIENT_DATA";

    public static IReadOnlyList<string> All { get; } = [Ok, Alarm, InsufficientData];

    /// <summary>
    /// Sets an alarm's state; entering ALARM runs the step and simple scaling policies among its AlarmActions, as
    /// CloudWatch invokes them.
    /// </summary>
    /// <exception cref="AwsException">No such alarm (ResourceNotFound, 404), or not a state.</exception>
    public static void Set(RegionState region, string name, string value, string reason, string? reasonData, DateTimeOffset at)
    {
        if (!All.Contains(value, StringComparer.Ordinal))
        {
            throw new AwsException(
                "ValidationError",
                $"1 validation error detected: Value '{value}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", All)}]");
        }
        var alarm = region.Alarms.GetValueOrDefault(name) ?? throw new AwsException("ResourceNotFound", $"Alarm {name} not found", 404);
        if (alarm.SetState(value, reason, reasonData, at) && value == Alarm)
            PolicyExecution.OnAlarm(region, alarm, at);
    }
}
