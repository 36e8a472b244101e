using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Steps.Waits;

namespace AmiOrchestrator.Steps.Tests.Support;

/// <summary>
/// The small polling driver that stands in for the actors' watcher in these tests: it reads what a wait needs every
/// poll interval on the given clock and judges it, until the judge says done or failed or the step's deadline passes.
/// </summary>
internal static class WaitPoller
{
    public static async Task<DeploymentInput.StepOutcome> WaitAsync(ICloud cloud, StepStarted started, TimeProvider clock, CancellationToken cancellationToken)
    {
        var requirement = WaitRequirement.For(started.Step.Action)
            ?? throw new ArgumentException($"{started.Step.Id} is not a wait", nameof(started));
        var reason = "not observed yet";
        while (true)
        {
            try
            {
                var observation = (await RegionObservation.ReadAsync(cloud, [requirement], clock, cancellationToken)).For(requirement);
                switch (WaitJudge.Judge(started.Step.Action, observation))
                {
                    case WaitVerdict.Done done:
                        return DeploymentInput.StepOutcome.Succeeded(started.Step.Id, clock.GetUtcNow(), detail: done.Detail);
                    case WaitVerdict.Failed failed:
                        return DeploymentInput.StepOutcome.Failed(started.Step.Id, failed.Failure, clock.GetUtcNow());
                    case WaitVerdict.NotYet notYet:
                        reason = notYet.Reason;
                        break;
                }
            }
            catch (CloudException e) when (e.Error.Retryable)
            {
                reason = "the last read failed: " + e.Error;
            }
            if (started.Deadline is { } deadline && clock.GetUtcNow() >= deadline)
            {
                return DeploymentInput.StepOutcome.Failed(
                    started.Step.Id, new StepFailure(StepFailureKind.DeadlinePassed, "not done by its deadline; last seen: " + reason), clock.GetUtcNow());
            }
            await Task.Delay(requirement.PollInterval, clock, cancellationToken);
        }
    }
}
