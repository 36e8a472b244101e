using System.Globalization;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.AutoScaling.Scaling;

/// <summary>Reads the settings the simulation acts on from a policy's PutScalingPolicy parameters.</summary>
internal static class PolicySettings
{
    public const string TargetTracking = "TargetTrackingScaling";
    public const string StepScaling = "StepScaling";
    public const string SimpleScaling = "SimpleScaling";

    public static bool IsEnabled(ScalingPolicy policy) => policy.Parameters.GetValueOrDefault("Enabled") != "false";

    public static double? TargetValue(ScalingPolicy policy) =>
        Number(policy.Parameters.GetValueOrDefault("TargetTrackingConfiguration.TargetValue"));

    public static bool DisablesScaleIn(ScalingPolicy policy) =>
        policy.Parameters.GetValueOrDefault("TargetTrackingConfiguration.DisableScaleIn") == "true";

    public static double? Number(string? text) =>
        text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
