using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.Tests.Builders;

/// <summary>Valid specs to start from; a test changes only what it is about with <c>with</c>.</summary>
internal static class SampleSpecs
{
    public const string ProdTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-prod/0123456789abcdef";
    public const string StageTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-stage/fedcba9876543210";

    public static DeploymentSpec Basic(int min = 1, int desired = 4, int max = 8) => new()
    {
        Service = new ServiceSpec { Name = "web", Ami = new AmiSpec { Id = "ami-0123456789abcdef0" } },
        Environment = new EnvironmentSpec { Name = "prod" },
        Infrastructure = new InfrastructureSpec
        {
            Id = "web-prod",
            Region = "us-east-1",
            BaseAsg = "web-base",
            TargetGroups = [ProdTargetGroup],
        },
        Capacity = Fixed(min, desired, max),
        Strategy = new StrategySpec { Type = StrategyType.Basic },
    };

    public static DeploymentSpec BlueGreen() => Basic() with
    {
        Infrastructure = Basic().Infrastructure with { StageTargetGroups = [StageTargetGroup] },
        Strategy = new StrategySpec { Type = StrategyType.BlueGreen, DownsizeOldAsg = true },
    };

    public static CapacitySpec Fixed(int min, int desired, int max) =>
        new() { Mode = CapacityMode.Fixed, Min = min, Desired = desired, Max = max };
}
