using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator.CloudWatch;

/// <summary>
/// A CloudWatch metric alarm: its PutMetricAlarm parameters as received (the name apart), which DescribeAlarms echoes,
/// and its state. The simulator has no metrics, so the state changes only when someone sets it (SetAlarmState, the
/// control endpoint) or, for a target-tracking policy's own alarms, when the group's simulated metric moves.
/// </summary>
internal sealed class AlarmRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required ValueMap Parameters { get; set; }

    public required DateTimeOffset ConfigurationUpdatedAt { get; set; }

    public string StateValue { get; private set; } = AlarmStates.InsufficientData;

    public string StateReason { get; private set; } = "Unchecked: Initial alarm creation";

    public string? StateReasonData { get; private set; }

    public required DateTimeOffset StateUpdatedAt { get; set; }

    /// <summary>Set on the alarms AWS creates for a target-tracking policy: they belong to the policy, not the user.</summary>
    public string? OwningPolicyArn { get; init; }

    /// <summary>The ARNs the alarm acts on when it enters ALARM (AlarmActions).</summary>
    public IEnumerable<string> AlarmActions =>
        Parameters.Where(p => p.Key.StartsWith("AlarmActions.member.", StringComparison.Ordinal)).Select(p => p.Value);

    /// <summary>Sets the state; true when it changed, which is when AWS would run the alarm's actions.</summary>
    public bool SetState(string value, string reason, string? reasonData, DateTimeOffset at)
    {
        var changed = value != StateValue;
        StateValue = value;
        StateReason = reason;
        StateReasonData = reasonData;
        StateUpdatedAt = at;
        return changed;
    }
}
