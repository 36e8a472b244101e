using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;

namespace AmiOrchestrator.Steps.Changes;

/// <summary>
/// The changes to groups themselves. Each one reads before it writes and writes absolute values, so running it again
/// after a crash, or after a call that was applied but whose answer was lost, leaves the same state.
/// </summary>
internal static class GroupSteps
{
    public static async Task<StepCompletion> CreateAsync(StepContext context, CreateAsg create, CancellationToken cancellationToken)
    {
        var request = create.Request;
        try
        {
            await context.Cloud.CreateAsgAsync(request, cancellationToken);
            return new StepCompletion($"created {request.Name}");
        }
        catch (CloudException e) when (e.Error.Code == CloudErrorCodes.AlreadyExists)
        {
            // Ours when it carries this deployment's tag: the first attempt was applied and its answer lost.
            var existing = (await context.Cloud.DescribeAsgsAsync([request.Name], cancellationToken)).FirstOrDefault(g => g.Name == request.Name);
            if (existing is null)
            {
                // AWS said it exists but does not show it yet (eventual consistency), or it is being deleted: ask again later.
                throw new CloudException(CloudError.FromAws(CloudErrorCodes.ResourceContention, $"group {request.Name} exists but cannot be described yet", 500), e);
            }
            var owner = existing.TagValue(LineageTags.DeploymentKey);
            return owner == create.DeploymentId
                ? new StepCompletion($"{request.Name} already created by this deployment")
                : throw StepFailureException.NonRetryable(
                    $"a group named {request.Name} already exists and was not created by this deployment ({LineageTags.DeploymentKey}={owner ?? "none"}); it is left alone",
                    CloudErrorCodes.AlreadyExists);
        }
    }

    public static async Task<StepCompletion> ResizeAsync(StepContext context, ResizeAsg resize, CancellationToken cancellationToken)
    {
        var (group, skip) = await GroupLookup.FindAsync(context, resize.Asg, resize.MissingIsDone, resize.OwnedBy, cancellationToken);
        if (skip is not null)
            return skip;
        var lifted = await LiftProtectionAsync(context, group!, resize.DesiredCapacity, cancellationToken);
        await context.Cloud.UpdateAsgCapacityAsync(resize.Asg, new CapacityUpdate(resize.MinSize, resize.DesiredCapacity, resize.MaxSize), cancellationToken);
        var sizes = $"min {resize.MinSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unchanged"}, desired {resize.DesiredCapacity}"
            + (resize.MaxSize is { } max ? $", max {max}" : "");
        return new StepCompletion(lifted.Count == 0
            ? $"{resize.Asg} set to {sizes}"
            : $"{resize.Asg} set to {sizes}; scale-in protection lifted from {string.Join(", ", lifted)}");
    }

    /// <summary>
    /// Instances protected from scale-in are never chosen by a scale-in, so a downsize past the unprotected ones would
    /// wait forever. Exactly as many protected instances as the downsize must remove lose their protection (the
    /// oldest first, as the default termination policy would pick); the others keep it.
    /// </summary>
    private static async Task<IReadOnlyList<string>> LiftProtectionAsync(
        StepContext context, AsgDescription group, int desired, CancellationToken cancellationToken)
    {
        var live = group.Instances.Where(IsLive).ToList();
        var toRemove = live.Count - desired;
        var unprotected = live.Count(i => !i.ProtectedFromScaleIn);
        var needed = toRemove - unprotected;
        if (needed <= 0)
            return [];
        // DescribeAutoScalingGroups lists instances in launch order, so the first protected ones are the oldest.
        var chosen = live.Where(i => i.ProtectedFromScaleIn).Take(needed).Select(i => i.InstanceId).ToList();
        await context.Cloud.SetInstanceProtectionAsync(group.Name, chosen, protectedFromScaleIn: false, cancellationToken);
        return chosen;
    }

    // Instances already on their way out do not count against the new desired capacity.
    private static bool IsLive(AsgInstance instance) =>
        !instance.LifecycleState.StartsWith("Terminat", StringComparison.Ordinal)
        && !instance.LifecycleState.StartsWith("Detach", StringComparison.Ordinal);

    public static async Task<StepCompletion> DeleteAsync(StepContext context, DeleteAsg delete, CancellationToken cancellationToken)
    {
        var (group, skip) = await GroupLookup.FindAsync(context, delete.Asg, missingIsDone: true, delete.OwnedBy, cancellationToken);
        if (skip is not null)
            return skip;
        if (group!.Status is { } status)
            return new StepCompletion($"{delete.Asg} is already being deleted ({status})");
        var alarms = await PolicySteps.DeleteEngineAlarmsAsync(context, group.Name, cancellationToken);
        try
        {
            // Without force AWS refuses to delete a group that still has instances: setup's clean-up drains first and
            // would rather leave a group than terminate what its drain did not finish.
            await context.Cloud.DeleteAsgAsync(delete.Asg, delete.Force, cancellationToken);
        }
        catch (CloudException e) when (e.IsNotFound)
        {
            return new StepCompletion($"{delete.Asg} already deleted");
        }
        return new StepCompletion(alarms.Count == 0 ? $"deleted {delete.Asg}" : $"deleted {delete.Asg} and its alarms {string.Join(", ", alarms)}");
    }

    public static async Task<StepCompletion> TagAsync(StepContext context, TagAsg tag, CancellationToken cancellationToken)
    {
        var (_, skip) = await GroupLookup.FindAsync(context, tag.Asg, tag.MissingIsDone, tag.OwnedBy, cancellationToken);
        if (skip is not null)
            return skip;
        await context.Cloud.TagAsgAsync(tag.Asg, tag.Tags, cancellationToken);
        return new StepCompletion($"tagged {tag.Asg} {string.Join(", ", tag.Tags.Select(t => t.Key + "=" + t.Value))}");
    }

    public static async Task<StepCompletion> AttachRoutesAsync(StepContext context, AttachRoutes attach, CancellationToken cancellationToken)
    {
        // Attaching what is attached already is a no-op in AWS, so no read is needed first.
        await context.Cloud.AttachTargetGroupsAsync(attach.Asg, attach.TargetGroups, cancellationToken);
        await context.Cloud.AttachLoadBalancersAsync(attach.Asg, attach.LoadBalancers, cancellationToken);
        return new StepCompletion($"attached {Routes(attach.TargetGroups, attach.LoadBalancers)} to {attach.Asg}");
    }

    public static async Task<StepCompletion> DetachRoutesAsync(StepContext context, DetachRoutes detach, CancellationToken cancellationToken)
    {
        var (group, skip) = await GroupLookup.FindAsync(context, detach.Asg, detach.MissingIsDone, detach.OwnedBy, cancellationToken);
        if (skip is not null)
            return skip;
        // Detaching what is not attached is an error in AWS: only what the group has now is detached.
        var targetGroups = detach.TargetGroups.Where(group!.TargetGroupArns.Contains).ToList();
        var loadBalancers = detach.LoadBalancers.Where(group.LoadBalancerNames.Contains).ToList();
        try
        {
            await context.Cloud.DetachTargetGroupsAsync(detach.Asg, targetGroups, cancellationToken);
            await context.Cloud.DetachLoadBalancersAsync(detach.Asg, loadBalancers, cancellationToken);
        }
        catch (CloudException e) when (e.Error.Code == CloudErrorCodes.ValidationError)
        {
            // A detach whose answer was lost and was sent again finds nothing left to detach, which AWS may refuse:
            // what counts is that none of the routes is attached any more.
            var now = (await context.Cloud.DescribeAsgsAsync([detach.Asg], cancellationToken)).FirstOrDefault(g => g.Name == detach.Asg);
            if (now is not null && (targetGroups.Any(now.TargetGroupArns.Contains) || loadBalancers.Any(now.LoadBalancerNames.Contains)))
                throw;
        }
        return new StepCompletion(targetGroups.Count + loadBalancers.Count == 0
            ? $"nothing of {Routes(detach.TargetGroups, detach.LoadBalancers)} is attached to {detach.Asg}"
            : $"detached {Routes(targetGroups, loadBalancers)} from {detach.Asg}");
    }

    private static string Routes(IReadOnlyCollection<string> targetGroups, IReadOnlyCollection<string> loadBalancers) =>
        targetGroups.Count + loadBalancers.Count == 0 ? "no routes" : string.Join(", ", targetGroups.Concat(loadBalancers));
}
