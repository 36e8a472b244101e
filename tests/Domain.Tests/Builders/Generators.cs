using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;
using FsCheck;
using FsCheck.Fluent;

namespace AmiOrchestrator.Domain.Tests.Builders;

/// <summary>FsCheck generators of valid specs, lineage inventories and whole scenarios.</summary>
internal static class Generators
{
    public static Gen<DeploymentSpec> ValidSpec { get; } =
        from strategy in Gen.Elements(StrategyType.Basic, StrategyType.Canary, StrategyType.BlueGreen)
        from min in Gen.Choose(0, 4)
        from extra in Gen.Choose(0, 6)
        from headroom in Gen.Choose(0, 4)
        from sameAsRunning in Gen.Elements(false, true)
        from withFallback in Gen.Elements(true, true, true, false)
        from resize in Gen.Elements(ResizeStrategy.ResizeNewFirst, ResizeStrategy.DownsizeOldFirst)
        from percents in Gen.Choose(1, 99).ListOf().Select(l => l.Take(4).Order().Append(100).ToList())
        from useCounts in Gen.Elements(false, true)
        from gates in Gates.ArrayOf(5)
        from rollbackOnFailure in Gen.Elements(true, true, false)
        from downsizeOld in Gen.Elements(true, false)
        from retained in Gen.Choose(0, 4)
        let desired = Math.Max(1, min + extra)
        let capacity = sameAsRunning
            ? new CapacitySpec { Mode = CapacityMode.SameAsRunning, Fallback = withFallback ? new CapacityNumbers(min, desired, desired + headroom) : null }
            : SampleSpecs.Fixed(min, desired, desired + headroom)
        select SampleSpecs.Basic() with
        {
            Infrastructure = strategy == StrategyType.BlueGreen ? SampleSpecs.BlueGreen().Infrastructure : SampleSpecs.Basic().Infrastructure,
            Capacity = capacity,
            ResizeStrategy = resize,
            RollbackOnFailure = rollbackOnFailure,
            RetainedOldAsgs = retained,
            Strategy = new StrategySpec
            {
                Type = strategy,
                DownsizeOldAsg = strategy == StrategyType.BlueGreen ? downsizeOld : null,
                Gates = strategy == StrategyType.Canary ? null : gates[0],
                Phases = strategy != StrategyType.Canary
                    ? ValueList<PhaseSpec>.Empty
                    : percents.Select((p, i) => useCounts && !sameAsRunning
                            ? new PhaseSpec { Count = Math.Max(1, PhaseMath.Target(new PhaseSpec { Percent = p }, desired)), Gates = gates[i] }
                            : new PhaseSpec { Percent = p, Gates = gates[i] })
                        .ToValueList(),
            },
        };

    private static Gen<GatesSpec?> Gates { get; } = Gen.Frequency(
        (6, Gen.Constant<GatesSpec?>(null)),
        (1, Gen.Constant<GatesSpec?>(new GatesSpec { BakeTime = Duration.FromMinutes(5), Alarms = ["errors"] })),
        (1, Gen.Constant<GatesSpec?>(new GatesSpec { ManualApproval = true })),
        (1, Gen.Constant<GatesSpec?>(new GatesSpec { HttpCheck = new HttpCheckSpec { Url = "https://web.example.com/health" }, ManualApproval = true, ApprovalTimeout = Duration.FromHours(1) })));

    /// <summary>0-6 lineage groups of random sizes (some BLUE), created in revision order.</summary>
    public static Gen<AsgDescription[]> Lineage { get; } =
        from count in Gen.Choose(0, 6)
        from desired in Gen.Choose(0, 6).ArrayOf(count)
        from blue in Gen.Elements(false, false, true).ArrayOf(count)
        select desired.Select((d, i) => SampleLineages.Member(i + 1, d, blue: blue[i])).ToArray();

    /// <summary>A spec and what discovery found for it; half the base groups (and their lineage) scale with alarm-driven step policies.</summary>
    public static Gen<(DeploymentSpec Spec, SetupInventory Inventory)> SpecAndInventory { get; } =
        from spec in ValidSpec
        from lineage in Lineage
        from stepScaling in Gen.Elements(false, true)
        let inventory = SampleLineages.Inventory(lineage, spec.Strategy.Type == StrategyType.BlueGreen)
        select (spec, stepScaling ? SampleLineages.WithStepScaling(inventory) : inventory);

    public static Gen<Scenario> Scenarios { get; } =
        from pair in SpecAndInventory
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from failurePercent in Gen.Elements(0, 5, 15, 30)
        from interruptPercent in Gen.Elements(0, 0, 5, 10)
        select new Scenario(pair.Spec, pair.Inventory, seed, failurePercent, interruptPercent);
}
