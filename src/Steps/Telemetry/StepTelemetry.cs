using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AmiOrchestrator.Steps.Telemetry;

/// <summary>
/// The engine's meter and activity source for steps. Both are named <c>AmiOrchestrator</c>, like every instrument of
/// the engine, so one name subscribes a listener (OpenTelemetry's AddMeter/AddSource) to all of them.
/// </summary>
internal static class StepTelemetry
{
    public const string Name = "AmiOrchestrator";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "amiorchestrator.step.duration", "s", "How long a step took to run, by action and outcome");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "amiorchestrator.step.retries", description: "Step attempts retried after a retryable cloud error, by action and error code");

    public static void RecordDuration(string action, string outcome, TimeSpan elapsed) =>
        Duration.Record(elapsed.TotalSeconds, new("action", action), new("outcome", outcome));

    public static void RecordRetry(string action, string code) =>
        Retries.Add(1, new("action", action), new("code", code));
}
