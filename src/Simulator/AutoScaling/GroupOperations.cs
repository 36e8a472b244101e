using System.Xml.Linq;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Simulator.AutoScaling.Lifecycle;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>The actions on groups themselves: create, update, resize, describe, delete, tag, suspend and resume.</summary>
internal static class GroupOperations
{
    private const int MaxGroupNames = 50;

    public static OperationResult Create(OperationContext context)
    {
        GroupFactory.Create(context.Region, GroupRequestReader.Definition(context.Parameters), context.Now);
        return OperationResult.NoOutput;
    }

    public static OperationResult Update(OperationContext context)
    {
        var name = context.Parameters.Required("AutoScalingGroupName");
        var group = context.Region.Groups.GetValueOrDefault(name) ?? throw AutoScalingErrors.GroupNotFoundNull();
        GroupUpdater.Apply(context.Region, group, GroupRequestReader.Change(context.Parameters), context.Now);
        return OperationResult.NoOutput;
    }

    public static OperationResult SetDesiredCapacity(OperationContext context)
    {
        var group = LiveGroup(context);
        var desired = context.Parameters.RequiredInt("DesiredCapacity");
        if (desired > group.MaxSize)
            throw AutoScalingErrors.Validation($"New SetDesiredCapacity value {desired} is above max value {group.MaxSize} for the AutoScalingGroup.");
        if (desired < group.MinSize)
            throw AutoScalingErrors.Validation($"New SetDesiredCapacity value {desired} is below min value {group.MinSize} for the AutoScalingGroup.");
        if (context.Parameters.Bool("HonorCooldown") == true)
            Cooldown.Check(context.Region, group, context.Now);
        var previous = group.DesiredCapacity;
        group.Resize(group.MinSize, desired, group.MaxSize, context.Now);
        GroupScaler.Reconcile(
            context.Region,
            group,
            context.Now,
            $"a user request explicitly set group desired capacity changing the desired capacity from {previous} to {desired}");
        return OperationResult.NoOutput;
    }

    public static OperationResult Describe(OperationContext context)
    {
        var parameters = context.Parameters;
        var names = parameters.Strings("AutoScalingGroupNames");
        if (names.Count > MaxGroupNames)
            throw AutoScalingErrors.Validation($"The number of group names that may be passed in is limited to {MaxGroupNames}");
        var pageSize = Pager.Size(parameters, "MaxRecords", 50, 1, 100);
        var filters = parameters.Structs("Filters").Select(f => (Name: f.Required("Name"), Values: f.Strings("Values"))).ToList();
        foreach (var filter in filters.Where(f => f.Name is not ("tag-key" or "tag-value") && !f.Name.StartsWith("tag:", StringComparison.Ordinal)))
            throw AutoScalingErrors.Validation($"The filter name {filter.Name} is not valid. Valid filter names are tag:<key>, tag-key and tag-value.");
        var includeInstances = parameters.Bool("IncludeInstances") ?? true;

        // With eventual consistency on, a group is seen only once its creation has propagated, and with the size it had then.
        var groups = context.Region.Groups.Values
            .Where(g => names.Count == 0 || names.Contains(g.Name, StringComparer.Ordinal))
            .Where(g => filters.All(f => Matches(g, f.Name, f.Values)))
            .Select(g => (Group: g, Capacity: g.VisibleCapacity(context.Now, context.ConsistencyLag)))
            .Where(g => g.Capacity is not null);
        var page = Pager.Take(groups, g => g.Group.Name, pageSize, parameters["NextToken"], "DescribeAutoScalingGroups", AutoScalingErrors.InvalidNextToken);
        return OperationResult.Of(
            new XElement("AutoScalingGroups", page.Items.Select(g => Render(g.Group, g.Capacity!, context.Now, includeInstances))),
            Xml.Text("NextToken", page.NextToken));
    }

    public static OperationResult Delete(OperationContext context)
    {
        var name = context.Parameters.Required("AutoScalingGroupName");
        var group = context.Region.Groups.GetValueOrDefault(name) ?? throw AutoScalingErrors.GroupNotFound(name);
        if (group.IsDeleting)
            return OperationResult.NoOutput;
        var live = group.LiveInstances.ToList();
        if (context.Parameters.Bool("ForceDelete") != true)
        {
            if (live.Count > 0)
            {
                throw new AwsException(
                    "ResourceInUse",
                    "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.");
            }
            if (group.Instances.Count > 0)
            {
                throw new AwsException(
                    "ScalingActivityInProgress",
                    "You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.");
            }
            PolicyOperations.RemoveAll(context, group);
            context.Region.Groups.Remove(name);
            return OperationResult.NoOutput;
        }

        // A forced delete terminates every instance, discarding lifecycle actions (no terminate hook holds them), and
        // deletes the group's policies with their alarms; the group shows "Delete in progress" until the instances are gone.
        var previous = group.DesiredCapacity;
        group.DeletingSince = context.Now;
        group.Resize(0, 0, group.MaxSize, context.Now);
        PolicyOperations.RemoveAll(context, group);
        foreach (var instance in group.Instances.Where(i => i.IsLive || i.TerminatedAt is null).ToList())
        {
            if (!instance.IsLive)
            {
                foreach (var action in instance.PendingActions.ToList())
                    action.Complete(context.Now, LifecycleTransitions.Abandon, "The Auto Scaling group was deleted");
                instance.ProceedToTermination(context.Now);
                continue;
            }
            var cause = GroupScaler.Sentences(
                context.Now,
                $"a user request deleted the AutoScalingGroup changing the desired capacity from {previous} to 0",
                $"instance {instance.InstanceId} was selected for termination");
            GroupScaler.Terminate(context.Region, group, instance, context.Now, cause, runHooks: false);
        }
        if (group.Instances.Count == 0)
            context.Region.Groups.Remove(name);
        return OperationResult.NoOutput;
    }

    public static OperationResult CreateOrUpdateTags(OperationContext context)
    {
        var byGroup = TagsByGroup(context);
        foreach (var (group, tags) in byGroup)
        {
            GroupRules.Tags(tags.Select(t => t.Tag).ToList());
            GroupRules.TagCount(group.Tags.Keys.Union(tags.Select(t => t.Tag.Key), StringComparer.Ordinal).Count());
        }
        foreach (var (group, tags) in byGroup)
        {
            foreach (var (tag, _) in tags)
                group.Tags[tag.Key] = tag;
        }
        return OperationResult.NoOutput;
    }

    public static OperationResult DeleteTags(OperationContext context)
    {
        foreach (var (group, tags) in TagsByGroup(context))
        {
            foreach (var (tag, _) in tags)
                group.Tags.Remove(tag.Key);
        }
        return OperationResult.NoOutput;
    }

    public static OperationResult SuspendProcesses(OperationContext context)
    {
        var group = LiveGroup(context);
        foreach (var process in Processes(context.Parameters))
            group.SuspendedProcesses.TryAdd(process, $"User suspended at {AwsTime.FormatSeconds(context.Now)}");
        return OperationResult.NoOutput;
    }

    public static OperationResult ResumeProcesses(OperationContext context)
    {
        var group = LiveGroup(context);
        foreach (var process in Processes(context.Parameters))
            group.SuspendedProcesses.Remove(process);
        // Capacity that could not change while Launch or Terminate was suspended changes now.
        GroupScaler.Reconcile(context.Region, group, context.Now, reason: null);
        return OperationResult.NoOutput;
    }

    /// <summary>The named group, which must exist and not be being deleted.</summary>
    public static AutoScalingGroup LiveGroup(OperationContext context)
    {
        var name = context.Parameters.Required("AutoScalingGroupName");
        var group = context.Region.Groups.GetValueOrDefault(name) ?? throw AutoScalingErrors.GroupNotFound(name);
        return group.IsDeleting ? throw AutoScalingErrors.PendingDelete(name) : group;
    }

    private static XElement Render(AutoScalingGroup group, CapacityRecord capacity, DateTimeOffset now, bool includeInstances)
    {
        var element = AutoScalingXml.Group(group, capacity, now);
        if (!includeInstances)
            element.Element("Instances")?.RemoveNodes();
        return element;
    }

    private static bool Matches(AutoScalingGroup group, string filter, IReadOnlyList<string> values) => filter switch
    {
        "tag-key" => group.Tags.Keys.Any(k => values.Contains(k, StringComparer.Ordinal)),
        "tag-value" => group.Tags.Values.Any(t => values.Contains(t.Value, StringComparer.Ordinal)),
        _ => group.Tags.TryGetValue(filter["tag:".Length..], out var tag) && values.Contains(tag.Value, StringComparer.Ordinal),
    };

    private static List<(AutoScalingGroup Group, List<(AsgTag Tag, string ResourceId)> Tags)> TagsByGroup(OperationContext context)
    {
        var tags = context.Parameters.Structs("Tags");
        if (tags.Count == 0)
            throw context.Parameters.Missing("Tags");
        var parsed = new List<(AsgTag Tag, string ResourceId)>();
        foreach (var tag in tags)
        {
            var resourceId = tag.Required("ResourceId");
            var resourceType = tag["ResourceType"] ?? "auto-scaling-group";
            if (resourceType != "auto-scaling-group")
                throw AutoScalingErrors.Validation($"Invalid resource type: {resourceType}. The only supported resource type is auto-scaling-group.");
            parsed.Add((GroupRequestReader.Tag(tag), resourceId));
        }
        return parsed
            .GroupBy(t => t.ResourceId, StringComparer.Ordinal)
            .Select(g => (
                context.Region.Groups.GetValueOrDefault(g.Key) ?? throw AutoScalingErrors.TaggedGroupNotFound(g.Key),
                g.ToList()))
            .ToList();
    }

    private static IReadOnlyList<string> Processes(QueryParameters parameters)
    {
        var processes = parameters.Strings("ScalingProcesses");
        foreach (var process in processes.Where(p => !ScalingProcesses.All.Contains(p, StringComparer.Ordinal)))
            throw AutoScalingErrors.Validation($"Process {process} is not a valid scaling process. Valid processes are {string.Join(", ", ScalingProcesses.All)}.");
        return processes.Count == 0 ? ScalingProcesses.All : processes;
    }
}
