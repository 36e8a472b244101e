using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.TestSupport.Cloud;

namespace AmiOrchestrator.Web.Tests.Support;

/// <summary>
/// Specs for the simulated region, each in a lineage of its own (its id and group names from the name given), so that
/// tests sharing a node never queue behind each other's deployments. A new lineage has no previous group.
/// </summary>
internal static class Lineages
{
    public static DeploymentSpec Basic(string lineage) => Own(WebSpecs.Basic(), lineage);

    /// <summary>A canary of 50% then 100% that waits for an approval after its first phase.</summary>
    public static DeploymentSpec GatedCanary(string lineage) => Own(WebSpecs.Basic(), lineage) with
    {
        Strategy = new StrategySpec
        {
            Type = StrategyType.Canary,
            Phases =
            [
                new PhaseSpec { Percent = 50, Gates = new GatesSpec { ManualApproval = true } },
                new PhaseSpec { Percent = 100 },
            ],
        },
    };

    /// <summary>A spec the way a client sends it: JSON text.</summary>
    public static string Json(DeploymentSpec spec) => System.Text.Json.JsonSerializer.Serialize(spec, DomainJson.Options);

    private static DeploymentSpec Own(DeploymentSpec spec, string lineage) => spec with
    {
        Infrastructure = spec.Infrastructure with { Id = lineage },
        AsgNamePrefix = lineage,
    };
}
