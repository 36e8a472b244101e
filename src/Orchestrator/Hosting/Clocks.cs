using AmiOrchestrator.Steps.Timing;

namespace AmiOrchestrator.Orchestrator.Hosting;

internal static class Clocks
{
    /// <summary>The real clock at speed 1; a clock running <paramref name="speed"/> times faster otherwise (a simulated region only).</summary>
    public static TimeProvider At(double speed) => speed == 1 ? TimeProvider.System : new ScaledTimeProvider(speed);
}
