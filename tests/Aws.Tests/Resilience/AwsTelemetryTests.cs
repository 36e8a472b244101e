using System.Diagnostics.Metrics;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Resilience;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Tests.Resilience;

public class AwsTelemetryTests
{
    [Fact]
    public async Task Every_attempt_retry_and_throttle_is_counted_by_operation_on_the_engines_meter()
    {
        // A unique operation name keeps measurements of tests running in parallel out of this one.
        var operation = "Describe" + Guid.NewGuid().ToString("N");
        var measured = new List<(string Instrument, string? Result)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "AmiOrchestrator" && instrument.Name.StartsWith("amiorchestrator.aws.", StringComparison.Ordinal))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            var values = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            if (values.GetValueOrDefault("operation") == operation)
            {
                lock (measured)
                    measured.Add((instrument.Name, values.GetValueOrDefault("result") ?? values.GetValueOrDefault("code")));
            }
        });
        listener.Start();
        var pipeline = new CallPipeline(
            new RetryPolicy(new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), ThrottlingBaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) }, new Random(1)),
            TimeProvider.System);
        var attempts = 0;

        await pipeline.RunAsync(
            new TokenBucket(1000, 1000, TimeProvider.System),
            "autoscaling",
            operation,
            _ => ++attempts == 1 ? throw new CloudException(CloudError.FromAws("Throttling", "Rate exceeded", 400)) : Task.FromResult(attempts),
            CancellationToken.None);

        Assert.Equal(
            [("amiorchestrator.aws.calls", "Throttling"), ("amiorchestrator.aws.throttles", null), ("amiorchestrator.aws.retries", "Throttling"), ("amiorchestrator.aws.calls", "ok")],
            measured);
    }
}
