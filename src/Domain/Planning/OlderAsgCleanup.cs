using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>
/// Older lineage groups that setup drains to 0 (downsizes and waits), and those it then deletes. A group in both lists
/// is drained before it is deleted, so its instances leave service the way a scale-in takes them (lifecycle hooks and
/// deregistration included) rather than all at once with a force delete.
/// </summary>
public sealed record OlderAsgCleanup(ValueList<string> Downsize, ValueList<string> Delete);
