using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Web.Api;

/// <summary>
/// One deployment as the API answers it: the live <see cref="View"/> from its entity (status, phase, step in progress,
/// group sizes, warnings, failure), and the <see cref="Timeline"/> from the read model, which follows a moment later
/// and is null until the projection has seen the deployment.
/// </summary>
public sealed record DeploymentDocument(DeploymentView View, DeploymentTimeline? Timeline);

/// <summary>
/// What happened to a deployment, from the read model: its summary, every step with its timing and outcome, its warnings,
/// and the capacities it set on its new and previous groups over time.
/// </summary>
public sealed record DeploymentTimeline(
    DeploymentSummary Summary,
    ValueList<StepRecord> Steps,
    ValueList<string> Warnings,
    ValueList<CapacitySeries> Capacity)
{
    /// <summary>
    /// The timeline of <paramref name="detail"/>, with the capacity series taken from its lineage's history: the changes
    /// this deployment recorded about its new and previous groups (observed at setup, created, resized, deleted).
    /// </summary>
    public static DeploymentTimeline Of(DeploymentDetail detail, LineageHistory lineage)
    {
        var id = detail.Summary.DeploymentId;
        var capacity = lineage.Groups
            .Select(group => (group.Name, Changes: group.Changes.Where(c => c.DeploymentId == id && c.Role != GroupRole.Older).ToList()))
            .Where(g => g.Changes.Count > 0)
            .Select(g => new CapacitySeries(
                g.Name,
                g.Changes[^1].Role,
                g.Changes.OrderBy(c => c.Offset).Select(c => new CapacityPoint(c.At, c.Kind, c.MinSize, c.DesiredCapacity, c.MaxSize)).ToValueList()))
            .OrderBy(s => s.Role)
            .ToValueList();
        return new DeploymentTimeline(detail.Summary, detail.Steps, detail.Warnings, capacity);
    }
}

/// <summary>One group's capacity as a deployment set it, point by point in journal order.</summary>
public sealed record CapacitySeries(string Group, GroupRole Role, ValueList<CapacityPoint> Points);

/// <summary>A group's capacity from <see cref="At"/> on; a size left alone by the change is null (a canary phase leaves max).</summary>
public sealed record CapacityPoint(DateTimeOffset At, GroupChangeKind Kind, int? MinSize, int? DesiredCapacity, int? MaxSize);
