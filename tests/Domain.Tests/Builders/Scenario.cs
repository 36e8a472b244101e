using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Tests.Builders;

/// <summary>
/// A whole deployment against a random world: steps fail at <see cref="FailurePercent"/>, operators abort or ask
/// for rollback at <see cref="InterruptPercent"/>, approvals are sometimes rejected, and the lineage sometimes
/// refuses a late rollback. The world's choices come from <see cref="Seed"/>, so a run can be repeated exactly.
/// </summary>
internal sealed record Scenario(DeploymentSpec Spec, SetupInventory Inventory, int Seed, int FailurePercent, int InterruptPercent)
{
    public DeploymentDriver Run()
    {
        var world = new Random(Seed);
        var driver = new DeploymentDriver();
        driver.Submit(Spec);
        var lineageRequested = true;
        for (var guard = 0; guard < 400; guard++)
        {
            driver.Advance(TimeSpan.FromSeconds(world.Next(1, 120)));
            if (lineageRequested)
            {
                lineageRequested = false;
                if (driver.State.PendingRollback is not null && world.Next(100) < 20)
                    driver.Feed(new DeploymentInput.LineageDenied("a later deployment has run", driver.Now));
                else
                    driver.Feed(new DeploymentInput.LineageGranted("web-prod", world.Next(0, 3), driver.Now));
                continue;
            }
            if (driver.State.InFlight is not { } step)
            {
                // An operator may roll back a deployment that ended without rolling back.
                if (driver.State.Status is DeploymentStatus.Failed or DeploymentStatus.Aborted or DeploymentStatus.RollbackFailed
                    && world.Next(100) < 50)
                {
                    var decision = driver.Feed(new DeploymentInput.RequestRollback("ops", "clean up", driver.Now));
                    lineageRequested = decision.Effects.OfType<DeploymentEffect.RequestLineage>().Any();
                    continue;
                }
                break;
            }
            if (world.Next(100) < InterruptPercent)
            {
                driver.Feed(world.Next(2) == 0 ? new DeploymentInput.Abort("ops", "stop", driver.Now) : new DeploymentInput.RequestRollback("ops", "undo", driver.Now));
                continue;
            }
            driver.Feed(Outcome(step, world, driver.Now));
        }
        return driver;
    }

    private DeploymentInput Outcome(StepStarted step, Random world, DateTimeOffset now)
    {
        if (step.Step.Action is AwaitApproval)
            return world.Next(100) < 80 ? new DeploymentInput.Approve("ops", now) : new DeploymentInput.Reject("ops", "no", now);
        if (world.Next(100) < FailurePercent)
        {
            var kind = (StepFailureKind)world.Next(0, 5);
            return DeploymentInput.StepOutcome.Failed(step.Step.Id, new StepFailure(kind, "the world said no"), now);
        }
        StepResult? result = step.Step.Action is DiscoverSetup ? new SetupObserved(Inventory) : DeploymentDriver.DefaultResult(step.Step.Action);
        return DeploymentInput.StepOutcome.Succeeded(step.Step.Id, now, result);
    }
}
