using System.Globalization;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// What a mixed-instances group launches next. The first OnDemandBaseCapacity units are on-demand; above the base,
/// on-demand instances are launched while they are under OnDemandPercentageAboveBaseCapacity of the units above it,
/// spot ones otherwise. On-demand instances take the overrides in priority order (the first: the simulation never
/// runs out of capacity); spot instances are spread over the first SpotInstancePools overrides (2 unless set), each new
/// one into the pool holding the fewest units, the earlier override winning a tie, since the simulation has no prices.
/// An override's WeightedCapacity is how many units of desired capacity its instances count for.
/// </summary>
internal static class MixedInstances
{
    public static Choice Choose(AutoScalingGroup group, string templateInstanceType)
    {
        if (group.MixedInstancesPolicy is not { } policy)
            return new Choice(templateInstanceType, 1, false, false);
        var live = group.LiveInstances.ToList();
        var onDemand = live.Where(i => !i.IsSpot).Sum(i => i.WeightedCapacity);
        var spot = live.Where(i => i.IsSpot).Sum(i => i.WeightedCapacity);
        var baseCapacity = policy.OnDemandBaseCapacity ?? 0;
        var percentage = policy.OnDemandPercentageAboveBaseCapacity ?? 100;
        bool chooseSpot;
        if (onDemand < baseCapacity)
        {
            chooseSpot = false;
        }
        else
        {
            var onDemandAbove = onDemand - baseCapacity;
            var wanted = (int)Math.Ceiling(percentage * (onDemandAbove + spot + 1) / 100.0);
            chooseSpot = onDemandAbove >= wanted;
        }

        var overrides = policy.Overrides;
        if (overrides.Count == 0)
            return new Choice(templateInstanceType, 1, false, chooseSpot);
        var chosen = overrides[0];
        if (chooseSpot)
        {
            var pools = overrides.Take(Math.Max(1, policy.SpotInstancePools ?? 2)).ToList();
            chosen = pools
                .Select((o, index) => (Override: o, Index: index, Units: live.Where(i => i.IsSpot && i.InstanceType == TypeOf(o, templateInstanceType)).Sum(i => i.WeightedCapacity)))
                .OrderBy(p => p.Units)
                .ThenBy(p => p.Index)
                .First()
                .Override;
        }
        var weightText = chosen.Parameters.GetValueOrDefault("WeightedCapacity");
        var weight = weightText is not null && int.TryParse(weightText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : 1;
        return new Choice(TypeOf(chosen, templateInstanceType), weight, weightText is not null, chooseSpot);
    }

    // An override by instance requirements names no type; its instances take the template's.
    private static string TypeOf(LaunchTemplateOverride chosen, string templateInstanceType) => chosen.InstanceType ?? templateInstanceType;

    /// <summary>An instance to launch: its type, the units it counts for (and whether AWS reports them), and whether it is spot.</summary>
    public sealed record Choice(string InstanceType, int Weight, bool ReportsWeight, bool Spot);
}
