using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Steps.Waits;

/// <summary>
/// What a wait step needs to see to be judged: its group, the target groups and classic load balancers whose health
/// it reads, and how often it wants to look. The watcher polls the union of every subscriber's requirements.
/// </summary>
public sealed record WaitRequirement(string AsgName, ValueList<string> TargetGroups, ValueList<string> LoadBalancers, TimeSpan PollInterval)
{
    /// <summary>The requirement of a wait step, or null when the action is not judged from observations.</summary>
    public static WaitRequirement? For(StepAction action) => action switch
    {
        WaitSteady wait => new(wait.Asg, wait.TargetGroups, wait.LoadBalancers, wait.PollInterval.Value),
        WaitDeregistered wait => new(wait.Asg, wait.TargetGroups, wait.LoadBalancers, wait.PollInterval.Value),
        _ => null,
    };
}
