using System.Text.Json;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AmiOrchestrator.Domain.Tests.Deployments;

/// <summary>Properties over random valid specs, lineages and runs (FsCheck).</summary>
public class DeploymentPropertyTests
{
    [Property(MaxTest = 300)]
    public Property Generated_specs_are_valid() =>
        Prop.ForAll(Generators.ValidSpec.ToArbitrary(), spec => SpecReader.Check(spec).IsValid);

    [Property(MaxTest = 500)]
    public Property The_new_group_never_shrinks_and_the_previous_never_grows_during_deploy() =>
        Prop.ForAll(Generators.SpecAndInventory.ToArbitrary(), pair =>
        {
            var plan = SetupPlanner.Plan("dep-1", pair.Spec, pair.Inventory, 0).Plan;
            if (plan is null)
                return true.Label("no plan (a setup problem)");
            var resizes = DeploymentProgram.Forward("dep-1", pair.Spec, plan)
                .Where(s => s.Stage is StepStage.Deploy or StepStage.Swap)
                .Select(s => s.Action)
                .OfType<ResizeAsg>()
                .ToList();
            var newSizes = resizes.Where(r => r.Asg == plan.NewAsgName).Select(r => r.DesiredCapacity).ToList();
            var previousSizes = resizes.Where(r => r.Asg == plan.Previous?.Name).Select(r => r.DesiredCapacity).Prepend(plan.Previous?.DesiredCapacity ?? 0).ToList();
            var lastNew = resizes.Last(r => r.Asg == plan.NewAsgName);
            return (newSizes.SequenceEqual(newSizes.Order())
                    && previousSizes.SequenceEqual(previousSizes.OrderDescending())
                    && lastNew.DesiredCapacity == plan.FinalCapacity.Desired
                    && lastNew.MinSize == plan.FinalCapacity.Min
                    && (plan.Previous is null || Ends(previousSizes, pair.Spec, plan)))
                .Label($"new {string.Join(",", newSizes)}; previous {string.Join(",", previousSizes)}");
        });

    // The previous group ends at 0 unless Blue/Green was told to keep it running.
    private static bool Ends(List<int> previousSizes, DeploymentSpec spec, SetupPlan plan) =>
        spec.Strategy.Type == StrategyType.BlueGreen && spec.Strategy.DownsizeOldAsg == false
            ? previousSizes.Count == 1
            : previousSizes[^1] == 0;

    [Property(MaxTest = 300)]
    public Property Folding_the_events_of_any_run_gives_the_live_state() =>
        Prop.ForAll(Generators.Scenarios.ToArbitrary(), scenario =>
        {
            var driver = scenario.Run();
            return (Deployment.Replay(driver.DeploymentId, driver.Events) == driver.State)
                .Label($"ended {driver.State.Status} after {driver.Inputs.Count} inputs");
        });

    [Property(MaxTest = 200)]
    public Property Every_event_of_any_run_reads_back_equal_from_its_journal_json() =>
        Prop.ForAll(Generators.Scenarios.ToArbitrary(), scenario =>
        {
            var unreadable = scenario.Run().Events
                .Where(e => !Equals(JsonSerializer.Deserialize(JsonSerializer.Serialize(e, e.GetType(), DomainJson.Options), e.GetType(), DomainJson.Options), e))
                .Select(e => e.GetType().Name)
                .ToList();
            return (unreadable.Count == 0).Label("read back different: " + string.Join(", ", unreadable));
        });

    [Property(MaxTest = 300)]
    public Property Every_run_ends_or_waits_for_an_operator_and_holds_no_step_it_forgot() =>
        Prop.ForAll(Generators.Scenarios.ToArbitrary(), scenario =>
        {
            var driver = scenario.Run();
            var state = driver.State;
            var released = driver.Effects.OfType<DeploymentEffect.ReleaseLineage>().Any();
            var settled = state.Status is DeploymentStatus.Succeeded or DeploymentStatus.RolledBack or DeploymentStatus.Failed
                or DeploymentStatus.Aborted or DeploymentStatus.RollbackFailed;
            var releasedWhenEnded = state.Status is DeploymentStatus.RollbackFailed || released;
            return (settled && state.InFlight is null && releasedWhenEnded).Label($"status {state.Status}");
        });

    [Property(MaxTest = 400)]
    public Property Recovering_from_any_prefix_of_the_journal_continues_exactly_as_the_live_run() =>
        Prop.ForAll(Generators.Scenarios.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (scenario, cut) =>
        {
            var live = scenario.Run();
            var batches = live.Decisions.Select(d => d.Events).ToList();
            var all = batches.SelectMany(b => b).ToList();
            var crashAfter = cut % (all.Count + 1);

            // The batch the crash fell in (or the first batch after it, when it fell between two).
            var batch = 0;
            var batchStart = 0;
            while (batch < batches.Count && batchStart + batches[batch].Count <= crashAfter && !(batchStart == crashAfter && batches[batch].Count > 0))
                batchStart += batches[batch++].Count;
            var midBatch = batch < batches.Count && crashAfter > batchStart;

            var replayed = Deployment.Replay(live.DeploymentId, all.Take(crashAfter));
            var recoverAt = midBatch ? live.Inputs[batch].At : (batch < live.Inputs.Count ? live.Inputs[batch].At : live.Now);
            var recovery = Deployment.Decide(replayed, new DeploymentInput.Recover(recoverAt));
            var state = recovery.Events.Aggregate(replayed, Deployment.Evolve);
            var produced = recovery.Events.ToList();
            var effectsMatch = true;
            for (var input = midBatch ? batch + 1 : batch; input < live.Inputs.Count; input++)
            {
                var decision = Deployment.Decide(state, live.Inputs[input]);
                state = decision.Events.Aggregate(state, Deployment.Evolve);
                produced.AddRange(decision.Events);
                effectsMatch &= decision.Effects.Where(e => e is not DeploymentEffect.Reply).SequenceEqual(live.Decisions[input].Effects.Where(e => e is not DeploymentEffect.Reply));
            }
            var resent = replayed.InFlight is null || recovery.Effects.Contains(new DeploymentEffect.RunStep(replayed.InFlight));
            return (produced.SequenceEqual(all.Skip(crashAfter)) && effectsMatch && resent && state == live.State)
                .Label($"crash after event {crashAfter} of {all.Count} (batch {batch}, mid-batch {midBatch}); events match {produced.SequenceEqual(all.Skip(crashAfter))}, effects match {effectsMatch}, resent {resent}");
        });

    [Property(MaxTest = 200)]
    public Property Any_input_in_any_state_is_decided_without_throwing() =>
        Prop.ForAll(Generators.Scenarios.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (scenario, pick) =>
        {
            var driver = scenario.Run();
            var at = driver.Now;
            var stepId = driver.State.Steps.Count > 0 ? driver.State.Steps[pick % driver.State.Steps.Count].Id : "x";
            DeploymentInput[] inputs =
            [
                new DeploymentInput.Submit(driver.DeploymentId, scenario.Spec, "z", at),
                new DeploymentInput.LineageGranted("web-prod", pick, at),
                new DeploymentInput.LineageDenied("no", at),
                DeploymentInput.StepOutcome.Succeeded(stepId, at),
                DeploymentInput.StepOutcome.Failed(stepId, new StepFailure(StepFailureKind.NonRetryable, "x"), at),
                new DeploymentInput.Approve("z", at),
                new DeploymentInput.Reject("z", "no", at),
                new DeploymentInput.RequestRollback("z", "r", at),
                new DeploymentInput.Abort("z", "a", at),
                new DeploymentInput.Recover(at),
            ];
            foreach (var input in inputs)
            {
                var decision = Deployment.Decide(driver.State, input);
                _ = decision.Events.Aggregate(driver.State, Deployment.Evolve);
            }
            return true;
        });
}
