using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Steps.Setup;

/// <summary>
/// Setup's reading of the cloud (SEMANTICS.md "Setup" 1): the base group and how it launches, the AMI, the lineage
/// (by tag filter, never by listing the region), what must be copied from the base group and restored on the
/// previous one, and whether the next name is free. It changes nothing. What is missing in the cloud fails the
/// deployment in the cloud's words.
/// </summary>
internal static class SetupDiscovery
{
    public static async Task<StepCompletion> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var cloud = context.Cloud;
        var spec = context.Request.Spec;
        var infrastructure = spec.Infrastructure;
        var baseAsg = (await cloud.DescribeAsgsAsync([infrastructure.BaseAsg], cancellationToken)).FirstOrDefault(g => g.Name == infrastructure.BaseAsg)
            ?? throw StepFailureException.NonRetryable($"base group {infrastructure.BaseAsg} not found in {infrastructure.Region}");
        var (templateVersion, configuration) = await LaunchSourceAsync(cloud, baseAsg, cancellationToken);
        var image = await ImageAsync(cloud, spec.Service.Ami, cancellationToken);

        var (tagKey, tagValue) = LineageTags.LineageFilter(infrastructure.LineageTag, infrastructure.Id);
        var lineage = await cloud.FindAsgsByTagAsync(tagKey, tagValue, cancellationToken);
        var members = SetupPlanner.Members(spec, lineage, baseAsg.Name);
        var previous = LineagePlanner.ChoosePrevious(members, spec.Strategy.Type == StrategyType.BlueGreen);
        var previousPolicies = previous is null ? [] : await cloud.DescribePoliciesAsync(previous.Name, cancellationToken);
        var basePolicies = await cloud.DescribePoliciesAsync(baseAsg.Name, cancellationToken);
        var nextName = SetupPlanner.NextAsgName(spec, lineage, baseAsg.Name, context.Request.HighestRevisionEver);
        var holdersOfNextName = nextName is null ? [] : await cloud.DescribeAsgsAsync([nextName], cancellationToken);

        var inventory = new SetupInventory
        {
            BaseAsg = baseAsg,
            BaseLaunchTemplateVersion = templateVersion,
            BaseLaunchConfiguration = configuration,
            Image = image,
            BasePolicies = basePolicies.ToValueList(),
            BaseAlarms = await AlarmsAsync(cloud, basePolicies, cancellationToken),
            PreviousAlarms = await AlarmsAsync(cloud, previousPolicies, cancellationToken),
            BaseScheduledActions = (await cloud.DescribeScheduledActionsAsync(baseAsg.Name, cancellationToken)).ToValueList(),
            BaseLifecycleHooks = (await cloud.DescribeLifecycleHooksAsync(baseAsg.Name, cancellationToken)).ToValueList(),
            Lineage = lineage.ToValueList(),
            PreviousAsgName = previous?.Name,
            PreviousPolicies = previousPolicies.ToValueList(),
            PreviousScheduledActions = previous is null
                ? ValueList<ScheduledAction>.Empty
                : (await cloud.DescribeScheduledActionsAsync(previous.Name, cancellationToken)).ToValueList(),
            GroupsWithNewName = holdersOfNextName.Where(g => g.Name == nextName).ToValueList(),
        };
        return new StepCompletion(
            $"base {baseAsg.Name}, image {image.ImageId}, lineage of {members.Count} group(s), previous {previous?.Name ?? "none"}",
            new SetupObserved(inventory));
    }

    private static async Task<(LaunchTemplateVersion? Version, LaunchConfiguration? Configuration)> LaunchSourceAsync(
        ICloud cloud, AsgDescription baseAsg, CancellationToken cancellationToken)
    {
        if ((baseAsg.LaunchTemplate ?? baseAsg.MixedInstancesPolicy?.LaunchTemplate) is { } template)
        {
            try
            {
                // A group that names no version launches from the template's default.
                return (await cloud.DescribeLaunchTemplateVersionAsync(template, template.Version ?? "$Default", cancellationToken), null);
            }
            catch (CloudException e) when (e.IsNotFound)
            {
                throw StepFailureException.NonRetryable(
                    $"the launch template of base group {baseAsg.Name} ({template.LaunchTemplateId ?? template.LaunchTemplateName} version {template.Version ?? "$Default"}): {e.Error.Message}",
                    e.Error.Code);
            }
        }
        if (baseAsg.LaunchConfigurationName is { } name)
        {
            return (null, await cloud.DescribeLaunchConfigurationAsync(name, cancellationToken)
                ?? throw StepFailureException.NonRetryable($"launch configuration {name} of base group {baseAsg.Name} not found"));
        }
        throw StepFailureException.NonRetryable($"base group {baseAsg.Name} launches from neither a launch template nor a launch configuration");
    }

    /// <summary>The alarms that drive step and simple policies; the planner warns about any a policy names that is not found.</summary>
    private static async Task<ValueList<MetricAlarm>> AlarmsAsync(ICloud cloud, IReadOnlyList<ScalingPolicy> policies, CancellationToken cancellationToken)
    {
        var names = PolicyAlarms.DrivingAlarmNames(policies);
        return names.Count == 0 ? [] : (await cloud.DescribeAlarmsAsync(names, cancellationToken)).ToValueList();
    }

    private static async Task<MachineImage> ImageAsync(ICloud cloud, AmiSpec ami, CancellationToken cancellationToken)
    {
        if (ami.Id is { } id)
        {
            try
            {
                return (await cloud.DescribeImagesAsync(new ImageQuery { ImageIds = [id] }, cancellationToken)).FirstOrDefault(i => i.ImageId == id)
                    ?? throw StepFailureException.NonRetryable($"AMI {id} not found", CloudErrorCodes.InvalidAmiIdNotFound);
            }
            catch (CloudException e) when (e.IsNotFound)
            {
                throw StepFailureException.NonRetryable(e.Error.Message, e.Error.Code);
            }
        }
        var lookup = ami.Lookup ?? throw StepFailureException.NonRetryable("service.ami names neither an id nor a lookup");
        var matches = await cloud.DescribeImagesAsync(
            new ImageQuery { Owners = lookup.Owners, NamePattern = lookup.NamePattern, Tags = lookup.Tags }, cancellationToken);
        // The newest match wins (SEMANTICS.md "Inputs"); ties go to the id so the choice is the same on every run.
        return matches.OrderByDescending(i => i.CreationDate).ThenBy(i => i.ImageId, StringComparer.Ordinal).FirstOrDefault()
            ?? throw StepFailureException.NonRetryable(
                $"no AMI owned by {string.Join(", ", lookup.Owners)} matches {lookup.NamePattern ?? "any name"}"
                + (lookup.Tags.Count == 0 ? "" : " with tags " + string.Join(", ", lookup.Tags.Select(t => t.Key + "=" + t.Value))));
    }
}
