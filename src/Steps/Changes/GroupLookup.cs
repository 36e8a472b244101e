using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Naming;

namespace AmiOrchestrator.Steps.Changes;

/// <summary>
/// Reads the group a change is about and settles the cases where the change must not act: a missing group that
/// counts as done (a teardown of a group whose create may never have happened), and a group of that name that is
/// not this deployment's (a failed create on a taken name must never lead to changing someone else's group).
/// </summary>
internal static class GroupLookup
{
    /// <summary>The group to act on, or a completion saying why there is nothing to do.</summary>
    public static async Task<(AsgDescription? Group, StepCompletion? Skip)> FindAsync(
        StepContext context, string asgName, bool missingIsDone, string? ownedBy, CancellationToken cancellationToken)
    {
        var group = (await context.Cloud.DescribeAsgsAsync([asgName], cancellationToken)).FirstOrDefault(g => g.Name == asgName);
        if (group is null)
        {
            return missingIsDone
                ? (null, new StepCompletion($"group {asgName} does not exist; nothing to do"))
                : throw StepFailureException.NonRetryable($"group {asgName} not found in {context.Request.Spec.Infrastructure.Region}");
        }
        if (ownedBy is not null && group.TagValue(LineageTags.DeploymentKey) != ownedBy)
            return (null, new StepCompletion($"group {asgName} was not created by deployment {ownedBy}; left alone"));
        return (group, null);
    }
}
