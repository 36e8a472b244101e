using System.Diagnostics.Metrics;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Resilience;

/// <summary>
/// What the engine's AWS calls do, on the engine's meter (<c>AmiOrchestrator</c>, the name every instrument of the
/// engine shares): attempts by service, operation and result, the retries the pipeline made and the throttling it met.
/// Throttles are what tells an operator the call budget is set above the account's real limits.
/// </summary>
internal static class AwsTelemetry
{
    private static readonly Meter Meter = new("AmiOrchestrator");

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "amiorchestrator.aws.calls", description: "AWS call attempts, by service, operation and result (ok or the error code)");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "amiorchestrator.aws.retries", description: "AWS call attempts retried after a retryable error, by service, operation and error code");

    private static readonly Counter<long> Throttles = Meter.CreateCounter<long>(
        "amiorchestrator.aws.throttles", description: "AWS call attempts refused by rate limiting, by service and operation");

    public static void Succeeded(string service, string operation) =>
        Calls.Add(1, new("service", service), new("operation", operation), new("result", "ok"));

    public static void Failed(string service, string operation, CloudError error, bool retried)
    {
        Calls.Add(1, new("service", service), new("operation", operation), new("result", error.Code));
        if (CloudErrorCodes.IsThrottling(error.Code))
            Throttles.Add(1, new("service", service), new("operation", operation));
        if (retried)
            Retries.Add(1, new("service", service), new("operation", operation), new("code", error.Code));
    }
}
