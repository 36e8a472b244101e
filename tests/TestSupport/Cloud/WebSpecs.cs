using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.TestSupport.Cloud;

/// <summary>Valid specs for <see cref="WebRegion"/>; tests change only what they are about with <c>with</c>.</summary>
public static class WebSpecs
{
    public static DeploymentSpec Basic(string image = WebRegion.NewImage) => new()
    {
        Service = new ServiceSpec { Name = "web", Ami = new AmiSpec { Id = image } },
        Environment = new EnvironmentSpec { Name = "prod" },
        Infrastructure = new InfrastructureSpec
        {
            Id = WebRegion.LineageId,
            Region = WebRegion.Region,
            BaseAsg = WebRegion.BaseAsg,
            TargetGroups = [WebRegion.ProdTargetGroup],
        },
        Capacity = new CapacitySpec { Mode = CapacityMode.Fixed, Min = 2, Desired = 4, Max = 8 },
        Strategy = new StrategySpec { Type = StrategyType.Basic },
        Timeouts = new TimeoutsSpec { SteadyState = Duration.FromMinutes(10), PollInterval = Duration.FromSeconds(5) },
    };

    public static DeploymentSpec Canary(params int[] percents) => Basic() with
    {
        Strategy = new StrategySpec
        {
            Type = StrategyType.Canary,
            Phases = percents.Select(p => new PhaseSpec { Percent = p }).ToValueList(),
        },
    };

    public static DeploymentSpec BlueGreen() => Basic() with
    {
        Infrastructure = Basic().Infrastructure with { StageTargetGroups = [WebRegion.StageTargetGroup] },
        Strategy = new StrategySpec { Type = StrategyType.BlueGreen },
    };

    public static DeploymentSpec Valid(DeploymentSpec spec) =>
        SpecReader.Check(spec).Spec ?? throw new ArgumentException("invalid test spec: " + string.Join("; ", SpecReader.Check(spec).Problems), nameof(spec));
}
