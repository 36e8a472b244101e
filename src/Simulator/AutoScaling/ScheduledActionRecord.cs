using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// A stored scheduled action and when it runs next (null: never again). One-time actions are deleted once they have
/// run and recurring ones once they pass their end time, as AWS does.
/// </summary>
internal sealed class ScheduledActionRecord(ScheduledAction action, string arn, DateTimeOffset? nextRun)
{
    public ScheduledAction Action { get; } = action;

    public string Arn { get; } = arn;

    public DateTimeOffset? NextRun { get; set; } = nextRun;
}
