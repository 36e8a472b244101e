using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// The steps that carry out a setup plan, in order (SEMANTICS.md "Setup", "Deploy phases", "Blue/Green"). The
/// program is recorded with the plan, so a deployment replays the steps it was planned with even after this code
/// changes.
/// </summary>
public static class DeploymentProgram
{
    /// <summary>The first step of every deployment: discovery, from which the rest is planned.</summary>
    public static PlannedStep Discovery(string deploymentId) =>
        PlannedStep.Create(deploymentId, "setup", StepStage.Setup, 0, new DiscoverSetup());

    public static ValueList<PlannedStep> Forward(string deploymentId, DeploymentSpec spec, SetupPlan plan)
    {
        var steps = new List<PlannedStep>();
        var blueGreen = spec.Strategy.Type == StrategyType.BlueGreen;
        var poll = spec.Timeouts.PollInterval;
        var infrastructure = spec.Infrastructure;
        var newAsg = plan.NewAsgName;
        var previous = plan.Previous;

        void Setup(StepAction action, bool tolerated = false) =>
            steps.Add(PlannedStep.Create(deploymentId, "setup", StepStage.Setup, 0, action, tolerated));

        Setup(plan.LaunchTemplate switch
        {
            NewVersionOfBaseTemplate fromBase => new CreateLaunchTemplateVersion(
                fromBase.LaunchTemplateId, fromBase.SourceVersion, plan.ImageId, plan.UserDataBase64, ClientToken(deploymentId)),
            TemplateFromConfiguration fromConfiguration => new CreateLaunchTemplate(
                fromConfiguration.LaunchTemplateName, fromConfiguration.Data, ClientToken(deploymentId)),
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.LaunchTemplate, "unknown launch template plan"),
        });
        Setup(new CreateAsg(plan.NewAsg, deploymentId));
        // Outside Blue/Green the previous group is resized by the plan: its autoscaling must not fight that.
        if (!blueGreen && previous is not null)
            Setup(new RemoveScalingPolicies(previous.Name));
        // Clean-up of older groups is best effort: a failure is reported as a warning and does not fail the deployment.
        // A group is drained before it is deleted, and the delete does not force: a group whose drain did not finish
        // keeps what still runs and is reported, rather than having it terminated at once.
        foreach (var older in plan.Cleanup.Downsize)
        {
            Setup(new ResizeAsg(older, 0, 0, null, MissingIsDone: true), tolerated: true);
            Setup(new WaitSteady(older, 0, [], [], poll, MissingIsDone: true), tolerated: true);
        }
        foreach (var older in plan.Cleanup.Delete)
            Setup(new DeleteAsg(older, Force: false), tolerated: true);

        var (newTargetGroups, newLoadBalancers) = blueGreen
            ? (infrastructure.StageTargetGroups, infrastructure.StageLoadBalancers)
            : (infrastructure.TargetGroups, infrastructure.LoadBalancers);
        var previousDesired = previous?.DesiredCapacity;
        foreach (var phase in plan.Phases)
        {
            var segment = PlannedStep.PhaseSegment(phase.Number);
            void Deploy(StepAction action) => steps.Add(PlannedStep.Create(deploymentId, segment, StepStage.Deploy, phase.Number, action));

            var isLast = phase.Number == plan.Phases.Count;
            void UpscaleNew()
            {
                Deploy(new ResizeAsg(newAsg, phase.NewMin, phase.NewDesired, null));
                Deploy(new WaitSteady(newAsg, phase.NewDesired, newTargetGroups, newLoadBalancers, poll));
            }
            void DownsizePrevious()
            {
                if (previous is null || phase.PreviousDesired is not { } target || target == previousDesired)
                    return;
                previousDesired = target;
                Deploy(new ResizeAsg(previous.Name, phase.PreviousMin, target, null));
                Deploy(new WaitSteady(previous.Name, target, [], [], poll));
            }

            if (spec.ResizeStrategy == ResizeStrategy.DownsizeOldFirst)
            {
                DownsizePrevious();
                UpscaleNew();
            }
            else
            {
                UpscaleNew();
                DownsizePrevious();
            }
            // Autoscaling starts once the new group carries all the load: attached while the previous group still
            // served, target tracking would scale the new group in and leave it short when the previous one went.
            // Blue/Green attaches policies at the swap instead, once the group takes prod traffic.
            if (isLast && !blueGreen)
                AttachAutoscaling(Deploy, plan);
            if (phase.Gates is { } gates)
                AddGates(steps, deploymentId, segment, phase.Number, gates, poll);
        }
        if (blueGreen)
            AddSwap(steps, deploymentId, spec, plan);
        return steps.ToValueList();
    }

    /// <summary>
    /// The client token of the launch-template step: derived from the deployment so a repeat creates nothing new,
    /// and hashed because EC2 allows at most 64 characters.
    /// </summary>
    public static string ClientToken(string deploymentId) =>
        "amio-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(deploymentId)))[..48];

    private static void AttachAutoscaling(Action<StepAction> add, SetupPlan plan)
    {
        if (plan.NewAsgPolicies.Count > 0)
            add(new PutScalingPolicies(plan.NewAsgName, plan.NewAsgPolicies));
        // The alarms name the policies' ARNs, which exist only once the policies are put.
        if (plan.NewAsgAlarms.Count > 0)
            add(new PutPolicyAlarms(plan.NewAsgName, plan.NewAsgAlarms));
        if (plan.NewAsgScheduledActions.Count > 0)
            add(new PutScheduledActions(plan.NewAsgName, plan.NewAsgScheduledActions));
    }

    private static void AddGates(List<PlannedStep> steps, string deploymentId, string segment, int phase, GatesSpec gates, Duration poll)
    {
        void Gate(StepAction action) => steps.Add(PlannedStep.Create(deploymentId, segment, StepStage.Gate, phase, action));
        if (gates.BakeTime is { } bake)
            Gate(new Bake(bake, gates.Alarms, poll));
        if (gates.HttpCheck is { } check)
            Gate(new HttpCheck(check.Url, check.Timeout, poll));
        if (gates.ManualApproval)
            Gate(new AwaitApproval(gates.ApprovalTimeout));
    }

    private static void AddSwap(List<PlannedStep> steps, string deploymentId, DeploymentSpec spec, SetupPlan plan)
    {
        var phase = plan.Phases.Count + 1;
        void Swap(StepAction action) => steps.Add(PlannedStep.Create(deploymentId, "swap", StepStage.Swap, phase, action));
        var infrastructure = spec.Infrastructure;
        var poll = spec.Timeouts.PollInterval;
        var newAsg = plan.NewAsgName;
        var final = plan.FinalCapacity;

        Swap(new DetachRoutes(newAsg, infrastructure.StageTargetGroups, infrastructure.StageLoadBalancers));
        Swap(new WaitDeregistered(newAsg, infrastructure.StageTargetGroups, infrastructure.StageLoadBalancers, poll));
        Swap(new AttachRoutes(newAsg, infrastructure.TargetGroups, infrastructure.LoadBalancers));
        Swap(new WaitSteady(newAsg, final.Desired, infrastructure.TargetGroups, infrastructure.LoadBalancers, poll));
        AttachAutoscaling(Swap, plan);
        Swap(new TagAsg(newAsg, [new AsgTag(LineageTags.BlueGreenKey, LineageTags.Blue)]));
        if (plan.Previous is not { } previous)
            return;
        Swap(new DetachRoutes(previous.Name, infrastructure.TargetGroups, infrastructure.LoadBalancers));
        Swap(new WaitDeregistered(previous.Name, infrastructure.TargetGroups, infrastructure.LoadBalancers, poll));
        Swap(new TagAsg(previous.Name, [new AsgTag(LineageTags.BlueGreenKey, LineageTags.Green)]));
        if (spec.Strategy.DownsizeOldAsg ?? true)
        {
            Swap(new RemoveScalingPolicies(previous.Name));
            Swap(new ResizeAsg(previous.Name, 0, 0, null));
            Swap(new WaitSteady(previous.Name, 0, [], [], poll));
        }
    }
}
