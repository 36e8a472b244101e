using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Naming;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>
/// Decisions about a lineage's existing groups (SEMANTICS.md "Words" and "Setup"): which is the previous one,
/// the next revision, and which older groups are downsized or deleted.
/// </summary>
public static class LineagePlanner
{
    /// <summary>Newest first: by creation time, then revision.</summary>
    public static IEnumerable<LineageMember> NewestFirst(IEnumerable<LineageMember> members) =>
        members.OrderByDescending(m => m.CreatedTime).ThenByDescending(m => m.Revision).ThenBy(m => m.Name, StringComparer.Ordinal);

    /// <summary>
    /// The lineage's active group: in Blue/Green the newest tagged BLUE; otherwise (and when Blue/Green finds no
    /// BLUE group, as after basic deployments) the newest with desired &gt; 0, else the newest; null when empty.
    /// </summary>
    public static LineageMember? ChoosePrevious(IReadOnlyCollection<LineageMember> members, bool blueGreen)
    {
        // A group already being deleted serves nothing and cannot be resized or restored; it is only a taken name.
        var ordered = NewestFirst(members.Where(m => !m.IsBeingDeleted)).ToList();
        if (blueGreen && ordered.FirstOrDefault(m => m.IsBlue) is { } blue)
            return blue;
        return ordered.FirstOrDefault(m => m.DesiredCapacity > 0) ?? ordered.FirstOrDefault();
    }

    /// <summary>
    /// One above the highest revision the lineage has now or has ever used (remembered by the engine), so
    /// numbering never restarts after deletions (Harness restarted at 1: a name-collision hazard). Null once the
    /// lineage has used the largest revision there is.
    /// </summary>
    public static int? NextRevision(IEnumerable<LineageMember> members, int highestRevisionEver)
    {
        var highest = Math.Max(members.Select(m => m.Revision).DefaultIfEmpty(0).Max(), highestRevisionEver);
        return highest == int.MaxValue ? null : highest + 1;
    }

    /// <summary>
    /// The clean-up of older groups: every group except the previous one (and, in Blue/Green, every BLUE one)
    /// that has instances is drained to 0; of the groups at 0 afterwards, the <paramref name="retained"/> most
    /// recent are kept and the rest deleted, so a group outside the window that still has instances is drained first.
    /// </summary>
    public static OlderAsgCleanup PlanCleanup(
        IReadOnlyCollection<LineageMember> members, LineageMember? previous, bool blueGreen, int retained)
    {
        // Groups whose delete is under way are left to it: AWS refuses to resize a group pending delete.
        var older = NewestFirst(members)
            .Where(m => m.Name != previous?.Name && !(blueGreen && m.IsBlue) && !m.IsBeingDeleted)
            .ToList();
        var downsize = older.Where(m => m.DesiredCapacity > 0 || m.InstanceCount > 0).Select(m => m.Name).ToValueList();
        var delete = older.Skip(retained).Select(m => m.Name).ToValueList();
        return new OlderAsgCleanup(downsize, delete);
    }
}
