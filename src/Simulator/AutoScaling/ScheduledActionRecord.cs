using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// A stored scheduled action. The simulator keeps and reports scheduled actions but does not run them: a deployment
/// copies them between groups and must not see capacity change under it because a cron fired.
/// </summary>
internal sealed record ScheduledActionRecord(ScheduledAction Action, string Arn);
