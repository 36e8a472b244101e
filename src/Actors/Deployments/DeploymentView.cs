using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.Deployments;

/// <summary>
/// What a deployment reports to whoever asks (Get, Watch): its status, phase i of n, the step in progress, the new,
/// previous and older groups with the capacities the deployment has set on them, warnings, the failure, and its
/// times. Derived from the deployment's state alone, so every node and every restart reports the same.
/// </summary>
public sealed record DeploymentView
{
    public required string DeploymentId { get; init; }
    public required DeploymentStatus Status { get; init; }
    public string? Lineage { get; init; }
    public string? Service { get; init; }
    public string? Environment { get; init; }
    public StrategyType? Strategy { get; init; }

    /// <summary>The phase the deployment is in or last finished (0 before the first), of <see cref="Phases"/>.</summary>
    public int Phase { get; init; }

    public int Phases { get; init; }
    public string? CurrentStep { get; init; }
    public string? CurrentAction { get; init; }
    public DateTimeOffset? CurrentStepDeadline { get; init; }

    /// <summary>Where the deployment waits for its lineage (1 = next), when it does.</summary>
    public int? QueuePosition { get; init; }

    public GroupView? NewGroup { get; init; }
    public GroupView? PreviousGroup { get; init; }
    public ValueList<GroupView> OlderGroups { get; init; } = ValueList<GroupView>.Empty;
    public ValueList<string> Warnings { get; init; } = ValueList<string>.Empty;
    public string? FailureReason { get; init; }
    public ValueList<SpecProblem> Problems { get; init; } = ValueList<SpecProblem>.Empty;
    public string? SubmittedBy { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>True once nothing more happens to the deployment unless an operator asks.</summary>
    public bool HasEnded { get; init; }

    /// <summary>The number of events the view reflects; a watcher uses it to order views and spot repeats.</summary>
    public long Version { get; init; }

    public static DeploymentView Of(DeploymentState state, long version, int? queuePosition = null)
    {
        var plan = state.Plan;
        var inFlight = state.InFlight?.Step;
        var completed = Completed(state).ToList();
        var sizes = new Dictionary<string, GroupView>(StringComparer.Ordinal);
        if (plan is not null)
        {
            if (state.TouchedAsgs.Contains(plan.NewAsgName))
                sizes[plan.NewAsgName] = new GroupView(plan.NewAsgName, "new", plan.NewAsg.MinSize, plan.NewAsg.DesiredCapacity, plan.NewAsg.MaxSize);
            if (plan.Previous is { } previous)
                sizes[previous.Name] = new GroupView(previous.Name, "previous", previous.MinSize, previous.DesiredCapacity, previous.MaxSize);
        }
        foreach (var step in completed)
        {
            if (step.Action is ResizeAsg resize)
            {
                var role = plan?.NewAsgName == resize.Asg ? "new" : plan?.Previous?.Name == resize.Asg ? "previous" : "older";
                var before = sizes.GetValueOrDefault(resize.Asg);
                sizes[resize.Asg] = new GroupView(resize.Asg, role, resize.MinSize ?? before?.MinSize, resize.DesiredCapacity, resize.MaxSize ?? before?.MaxSize);
            }
            else if (step.Action is DeleteAsg delete && sizes.GetValueOrDefault(delete.Asg) is { } deleted)
            {
                sizes[delete.Asg] = deleted with { Deleted = true };
            }
        }
        var phase = inFlight?.Phase ?? completed.LastOrDefault(s => s.Stage != StepStage.Rollback)?.Phase ?? 0;
        return new DeploymentView
        {
            DeploymentId = state.DeploymentId,
            Status = state.Status,
            Lineage = state.Spec?.Infrastructure.Id,
            Service = state.Spec?.Service.Name,
            Environment = state.Spec?.Environment.Name,
            Strategy = state.Spec?.Strategy.Type,
            Phase = plan is null ? 0 : Math.Min(phase, plan.Phases.Count),
            Phases = plan?.Phases.Count ?? 0,
            CurrentStep = inFlight?.Id,
            CurrentAction = inFlight?.Action.Name,
            CurrentStepDeadline = state.InFlight?.Deadline,
            QueuePosition = state.Status == DeploymentStatus.Queued ? queuePosition : null,
            NewGroup = plan is null ? null : sizes.GetValueOrDefault(plan.NewAsgName),
            PreviousGroup = plan?.Previous is { } p ? sizes.GetValueOrDefault(p.Name) : null,
            OlderGroups = sizes.Values.Where(g => g.Role == "older").OrderBy(g => g.Name, StringComparer.Ordinal).ToValueList(),
            Warnings = state.Warnings,
            FailureReason = state.FailureReason,
            Problems = state.Problems,
            SubmittedBy = state.SubmittedBy,
            SubmittedAt = state.SubmittedAt,
            StartedAt = state.StartedAt,
            EndedAt = state.EndedAt,
            HasEnded = state.HasEnded,
            Version = version,
        };
    }

    /// <summary>The steps that have ended, in the order they ran: the forward program so far, then any rollback so far.</summary>
    private static IEnumerable<PlannedStep> Completed(DeploymentState state) =>
        state.Steps.Take(state.NextStep).Concat(state.RollbackSteps.Take(state.NextRollbackStep));
}

/// <summary>A group as the deployment has left it: its role in the deployment and the sizes last set (null where untouched).</summary>
public sealed record GroupView(string Name, string Role, int? MinSize, int? DesiredCapacity, int? MaxSize, bool Deleted = false);
