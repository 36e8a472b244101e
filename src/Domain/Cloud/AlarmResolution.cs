namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// An alarm ready to put, with real policy ARNs in place of its placeholders, or why it is not: it names a policy the
/// group does not have, which no retry can fix (see <see cref="PolicyAlarms.Resolve"/>). Exactly one of the two is set.
/// </summary>
public sealed record AlarmResolution(MetricAlarm? Alarm, string? Problem);
