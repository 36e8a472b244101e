using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator;

/// <summary>
/// A CloudWatch metric alarm that exists before the simulation starts (a team's error-rate alarm that a deployment's
/// bake gate watches, say): its PutMetricAlarm Query parameters (<c>MetricName</c>, <c>Namespace</c>, <c>Threshold</c>,
/// <c>Dimensions.member.1.Name</c>...), the name apart, and the state it starts in. The simulator has no metrics, so
/// it stays in that state until someone sets another.
/// </summary>
public sealed record AlarmFixture
{
    public required string AlarmName { get; init; }

    public ValueMap Parameters { get; init; } = ValueMap.Empty;

    /// <summary>OK (the default), ALARM or INSUFFICIENT_DATA.</summary>
    public string StateValue { get; init; } = "OK";
}
