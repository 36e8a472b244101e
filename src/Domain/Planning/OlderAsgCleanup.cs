using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>
/// Older lineage groups that setup downsizes to 0 and keeps, and those it deletes (force-deleting also removes
/// any instances, so a group in both lists is only deleted).
/// </summary>
public sealed record OlderAsgCleanup(ValueList<string> Downsize, ValueList<string> Delete);
