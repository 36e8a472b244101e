using System.Text.RegularExpressions;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>
/// Plans setup (SEMANTICS.md "Setup", step 2) from a validated spec and what discovery found. Pure: the same
/// inputs always give the same plan. Rules that need the cloud's state (the running capacity, an image that is
/// not available, a base group without a launch template) come back as problems in the spec's terms, before
/// anything has been changed.
/// </summary>
public static partial class SetupPlanner
{
    public static SetupPlanResult Plan(string deploymentId, DeploymentSpec spec, SetupInventory inventory, int highestRevisionEver)
    {
        var problems = new List<SpecProblem>();
        var infrastructure = spec.Infrastructure;
        var blueGreen = spec.Strategy.Type == StrategyType.BlueGreen;
        var members = Members(spec, inventory.Lineage, inventory.BaseAsg.Name);
        var previous = LineagePlanner.ChoosePrevious(members, blueGreen);
        if (previous?.Name != inventory.PreviousAsgName)
        {
            problems.Add(new SpecProblem("setup",
                $"discovery read the policies of '{inventory.PreviousAsgName ?? "no group"}' but the lineage's previous group is '{previous?.Name ?? "none"}'"));
        }
        var blueGroups = members.Where(m => m.IsBlue).Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        if (blueGreen && blueGroups.Count > 1)
        {
            // Two groups both claiming prod (an interrupted swap) cannot be resolved by guessing which one serves.
            problems.Add(new SpecProblem("infrastructure.id",
                $"lineage '{infrastructure.Id}' has {blueGroups.Count} groups tagged BG_VERSION=BLUE ({string.Join(", ", blueGroups)}); roll back or finish the deployment that left them, or tag all but the serving one GREEN"));
        }

        if (LineagePlanner.NextRevision(members, highestRevisionEver) is not { } revision)
        {
            problems.Add(new SpecProblem("infrastructure.id", $"lineage '{infrastructure.Id}' has used every revision number up to {int.MaxValue}; start a new lineage"));
            return SetupPlanResult.Failed(problems.ToValueList());
        }
        var newName = AsgNaming.AsgName(AsgNaming.PrefixFor(spec), revision);
        if (AsgNaming.ProblemWithName(newName) is { } nameProblem)
            problems.Add(new SpecProblem("asgNamePrefix", $"the new group's name '{newName}' {nameProblem}"));
        if (newName == inventory.BaseAsg.Name)
            problems.Add(new SpecProblem("asgNamePrefix", $"the new group would be named '{newName}', like the base group, which is never changed"));
        else if (inventory.GroupsWithNewName.Any(g => g.Name == newName))
        {
            problems.Add(new SpecProblem("asgNamePrefix",
                $"a group named '{newName}' already exists outside lineage '{infrastructure.Id}' (is the lineage tagged differently, for example by Harness?); set asgNamePrefix or infrastructure.lineageTag"));
        }

        var previousDescription = previous is null ? null : inventory.Lineage.First(a => a.Name == previous.Name);
        var capacity = ResolveCapacity(spec, previousDescription, problems);
        if (inventory.Image.State != "available")
            problems.Add(new SpecProblem(AmiPath(spec), $"{inventory.Image.ImageId} is {inventory.Image.State}, not available"));
        var userData = spec.Service.UserData is { } template
            ? UserDataTemplate.Render(template, spec.Service.Variables.Merge(spec.Environment.Variables)).ToBase64()
            : null;
        var launchTemplate = PlanLaunchTemplate(inventory, newName, userData, problems);
        if (inventory.BaseAsg.MixedInstancesPolicy?.Overrides.Any(o => o.Parameters.Keys.Any(k => k.StartsWith("LaunchTemplateSpecification.", StringComparison.Ordinal))) == true)
        {
            // Such an override launches from its own template, which this deployment does not give the new AMI.
            problems.Add(new SpecProblem("infrastructure.baseAsg",
                $"'{inventory.BaseAsg.Name}' has mixed-instances overrides with their own launch template; their instances would keep the old AMI"));
        }
        var phases = capacity is null ? ValueList<PhasePlan>.Empty : PlanPhases(spec, capacity, previousDescription, problems);
        if (problems.Count > 0 || capacity is null || launchTemplate is null)
            return SetupPlanResult.Failed(problems.ToValueList());

        var cleanup = LineagePlanner.PlanCleanup(members, previous, blueGreen, spec.RetainedOldAsgs);
        var plan = new SetupPlan
        {
            Revision = revision,
            NewAsgName = newName,
            ImageId = inventory.Image.ImageId,
            LaunchTemplate = launchTemplate,
            UserDataBase64 = userData,
            FinalCapacity = capacity,
            NewAsg = NewAsgRequest(deploymentId, spec, inventory, newName, revision, capacity),
            Previous = previousDescription is null ? null : new PreviousAsgPlan
            {
                Name = previousDescription.Name,
                MinSize = previousDescription.MinSize,
                DesiredCapacity = previousDescription.DesiredCapacity,
                MaxSize = previousDescription.MaxSize,
                Policies = inventory.PreviousPolicies,
                Alarms = DrivingAlarms(inventory.PreviousPolicies, inventory.PreviousAlarms)
                    .Select(alarm => PolicyAlarms.ForRestore(alarm, inventory.PreviousPolicies))
                    .ToValueList(),
                ScheduledActions = inventory.PreviousScheduledActions,
                TargetGroups = previousDescription.TargetGroupArns,
                LoadBalancers = previousDescription.LoadBalancerNames,
            },
            Cleanup = cleanup,
            NewAsgPolicies = inventory.BasePolicies.Select(p => p.ForGroup(inventory.BaseAsg.Name, newName)).ToValueList(),
            NewAsgAlarms = DrivingAlarms(inventory.BasePolicies, inventory.BaseAlarms)
                .Select(alarm => PolicyAlarms.ForNewGroup(alarm, inventory.BaseAsg.Name, newName, inventory.BasePolicies))
                .ToValueList(),
            NewAsgScheduledActions = inventory.BaseScheduledActions,
            Phases = phases,
            Warnings = Warnings(inventory, newName, cleanup).ToValueList(),
        };
        return SetupPlanResult.Planned(plan);
    }

    /// <summary>The groups of the lineage as setup sees them: tagged into it, and never the base group (a template, never touched).</summary>
    public static List<LineageMember> Members(DeploymentSpec spec, IEnumerable<AsgDescription> lineage, string baseAsgName) =>
        lineage
            .Where(asg => asg.Name != baseAsgName)
            .Select(asg => LineageTags.Recognize(asg, spec.Infrastructure.LineageTag, spec.Infrastructure.Id))
            .OfType<LineageMember>()
            .ToList();

    /// <summary>
    /// The name the new group will get, so that discovery can check it is free before planning
    /// (<see cref="SetupInventory.GroupsWithNewName"/>); the planner derives the same name from the same inputs.
    /// Null when the lineage has no revision left (the planner reports that).
    /// </summary>
    public static string? NextAsgName(DeploymentSpec spec, IEnumerable<AsgDescription> lineage, string baseAsgName, int highestRevisionEver) =>
        LineagePlanner.NextRevision(Members(spec, lineage, baseAsgName), highestRevisionEver) is { } revision
            ? AsgNaming.AsgName(AsgNaming.PrefixFor(spec), revision)
            : null;

    private static IEnumerable<string> Warnings(SetupInventory inventory, string newName, OlderAsgCleanup cleanup)
    {
        // Draining can lower serving capacity before the new group has any (SEMANTICS.md setup step 5), so the
        // operator is told which instances go; those already terminating are not this deployment's doing.
        foreach (var name in cleanup.Downsize)
        {
            var serving = inventory.Lineage.First(a => a.Name == name).Instances
                .Where(i => !i.LifecycleState.StartsWith("Terminat", StringComparison.Ordinal))
                .Select(i => i.InstanceId)
                .ToList();
            if (serving.Count == 0)
                continue;
            var deleted = cleanup.Delete.Contains(name, StringComparer.Ordinal) ? " and deletes it" : "";
            yield return $"setup drains older group '{name}' to 0{deleted}, taking {serving.Count} instance(s) out of service "
                + $"before the new group serves: {string.Join(", ", serving)}";
        }
        var baseTemplate = inventory.BaseAsg.LaunchTemplate ?? inventory.BaseAsg.MixedInstancesPolicy?.LaunchTemplate;
        if (baseTemplate?.Version is "$Latest" && inventory.BaseLaunchTemplateVersion is { } version)
        {
            yield return $"base group '{inventory.BaseAsg.Name}' launches from $Latest of {version.LaunchTemplateId}: the new version this deployment "
                + "adds makes it (and anything else on $Latest) launch the new AMI from now on";
        }
        // Policies travel with the alarms that drive them; an alarm discovery did not find cannot travel.
        foreach (var (policy, alarm) in MissingAlarms(inventory.BasePolicies, inventory.BaseAlarms))
        {
            yield return $"{policy.PolicyType} policy '{policy.PolicyName}' of '{inventory.BaseAsg.Name}' lists alarm '{alarm}', "
                + $"which discovery did not find: its copy on '{newName}' is put without it";
        }
        foreach (var (policy, alarm) in MissingAlarms(inventory.PreviousPolicies, inventory.PreviousAlarms))
        {
            yield return $"{policy.PolicyType} policy '{policy.PolicyName}' of '{inventory.PreviousAsgName}' lists alarm '{alarm}', "
                + "which discovery did not find: a rollback restores the policy without it";
        }
    }

    /// <summary>The alarms that drive the step and simple policies among <paramref name="policies"/>, each once.</summary>
    private static IEnumerable<MetricAlarm> DrivingAlarms(IEnumerable<ScalingPolicy> policies, ValueList<MetricAlarm> described) =>
        PolicyAlarms.DrivingAlarmNames(policies)
            .Select(name => described.FirstOrDefault(alarm => alarm.AlarmName == name))
            .OfType<MetricAlarm>();

    private static IEnumerable<(ScalingPolicy Policy, string Alarm)> MissingAlarms(IEnumerable<ScalingPolicy> policies, ValueList<MetricAlarm> described) =>
        policies.Where(PolicyAlarms.IsAlarmDriven)
            .SelectMany(policy => policy.AlarmNames.Select(alarm => (policy, alarm)))
            .Where(pair => !described.Any(alarm => alarm.AlarmName == pair.alarm));

    private static CapacityNumbers? ResolveCapacity(DeploymentSpec spec, AsgDescription? previous, List<SpecProblem> problems)
    {
        var capacity = spec.Capacity;
        if (capacity.Mode == CapacityMode.Fixed)
            return new CapacityNumbers(capacity.Min ?? 0, capacity.Desired ?? 0, capacity.Max ?? 0);
        // A previous group at 0 is not "running": copying 0/0/0 (as Harness did) would deploy nothing.
        if (previous is { DesiredCapacity: > 0 })
            return new CapacityNumbers(previous.MinSize, previous.DesiredCapacity, previous.MaxSize);
        if (capacity.Fallback is { } fallback)
            return fallback;
        problems.Add(new SpecProblem("capacity.fallback",
            $"is required: capacity is sameAsRunning and lineage '{spec.Infrastructure.Id}' has no running group to copy"));
        return null;
    }

    private static ValueList<PhasePlan> PlanPhases(
        DeploymentSpec spec, CapacityNumbers capacity, AsgDescription? previous, List<SpecProblem> problems)
    {
        var strategy = spec.Strategy;
        var phaseSpecs = strategy.Type == StrategyType.Canary
            ? strategy.Phases
            : [new PhaseSpec { Percent = 100, Gates = strategy.Gates }];
        var resizesPrevious = strategy.Type != StrategyType.BlueGreen && previous is not null;
        var phases = new List<PhasePlan>();
        var previousTarget = 0;
        for (var i = 0; i < phaseSpecs.Count; i++)
        {
            var phase = phaseSpecs[i];
            var path = $"strategy.phases[{i}]";
            var target = PhaseMath.Target(phase, capacity.Desired);
            if (target > capacity.Desired)
                problems.Add(new SpecProblem(path + ".count", $"{target} is above the final desired {capacity.Desired}"));
            else if (target < previousTarget)
                problems.Add(new SpecProblem(path, $"reaches {target}, below the previous phase's {previousTarget}: phase targets never go down"));
            else if (i == phaseSpecs.Count - 1 && target != capacity.Desired)
                problems.Add(new SpecProblem(path, $"the last phase must reach the final desired {capacity.Desired}; it reaches {target}"));
            previousTarget = Math.Max(previousTarget, target);
            int? previousDesired = resizesPrevious ? PhaseMath.PreviousDesired(target, capacity.Desired, previous!.DesiredCapacity) : null;
            phases.Add(new PhasePlan(
                i + 1,
                target,
                Math.Min(target, capacity.Min),
                previousDesired,
                previousDesired is { } p ? Math.Min(p, previous!.MinSize) : null,
                phase.Gates));
        }
        return phases.ToValueList();
    }

    private static LaunchTemplatePlan? PlanLaunchTemplate(SetupInventory inventory, string newName, string? userData, List<SpecProblem> problems)
    {
        var baseAsg = inventory.BaseAsg;
        if (baseAsg.LaunchTemplate is not null || baseAsg.MixedInstancesPolicy is not null)
        {
            if (inventory.BaseLaunchTemplateVersion is { } version)
                return new NewVersionOfBaseTemplate(version.LaunchTemplateId, version.VersionNumber);
            problems.Add(new SpecProblem("infrastructure.baseAsg", $"the launch template version of '{baseAsg.Name}' was not found"));
            return null;
        }
        if (baseAsg.LaunchConfigurationName is not null && inventory.BaseLaunchConfiguration is { } configuration)
        {
            if (!LaunchTemplateNamePattern().IsMatch(newName))
            {
                problems.Add(new SpecProblem("asgNamePrefix",
                    $"'{newName}' cannot name the launch template made from launch configuration '{configuration.Name}' (3-128 of a-z A-Z 0-9 ( ) . - / _)"));
                return null;
            }
            return new TemplateFromConfiguration(newName, configuration.ToLaunchTemplateData(inventory.Image.ImageId, userData));
        }
        problems.Add(new SpecProblem("infrastructure.baseAsg",
            $"'{baseAsg.Name}' launches from neither a launch template nor an existing launch configuration"));
        return null;
    }

    private static CreateAsgRequest NewAsgRequest(
        string deploymentId, DeploymentSpec spec, SetupInventory inventory, string newName, int revision, CapacityNumbers capacity)
    {
        var baseAsg = inventory.BaseAsg;
        var blueGreen = spec.Strategy.Type == StrategyType.BlueGreen;
        var infrastructure = spec.Infrastructure;
        return new CreateAsgRequest
        {
            Name = newName,
            MixedInstancesPolicy = baseAsg.MixedInstancesPolicy,
            MinSize = 0,
            DesiredCapacity = 0,
            MaxSize = capacity.Max,
            DefaultCooldown = baseAsg.DefaultCooldown,
            AvailabilityZones = baseAsg.AvailabilityZones,
            VpcZoneIdentifier = baseAsg.VpcZoneIdentifier,
            HealthCheckType = baseAsg.HealthCheckType,
            HealthCheckGracePeriod = baseAsg.HealthCheckGracePeriod,
            TargetGroupArns = blueGreen ? infrastructure.StageTargetGroups : infrastructure.TargetGroups,
            LoadBalancerNames = blueGreen ? infrastructure.StageLoadBalancers : infrastructure.LoadBalancers,
            TerminationPolicies = baseAsg.TerminationPolicies,
            NewInstancesProtectedFromScaleIn = baseAsg.NewInstancesProtectedFromScaleIn,
            PlacementGroup = baseAsg.PlacementGroup,
            CapacityRebalance = baseAsg.CapacityRebalance,
            MaxInstanceLifetime = baseAsg.MaxInstanceLifetime,
            DefaultInstanceWarmup = baseAsg.DefaultInstanceWarmup,
            LifecycleHooks = inventory.BaseLifecycleHooks,
            Tags = LineageTags.ForNewAsg(newName, revision, deploymentId, infrastructure, blueGreen, baseAsg.Tags),
        };
    }

    private static string AmiPath(DeploymentSpec spec) => spec.Service.Ami.Id is null ? "service.ami.lookup" : "service.ami.id";

    [GeneratedRegex(@"^[a-zA-Z0-9().\-/_]{3,128}$")]
    private static partial Regex LaunchTemplateNamePattern();
}
