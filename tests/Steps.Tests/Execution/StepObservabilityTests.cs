using System.Diagnostics;
using System.Diagnostics.Metrics;
using AmiOrchestrator.TestSupport.Cloud;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Steps.Tests.Execution;

/// <summary>What an operator sees of a step: its log lines (start, retries, outcome), a span, and its duration by action.</summary>
public sealed class StepObservabilityTests : IAsyncLifetime
{
    private SimulatedRegion region = null!;

    public async Task InitializeAsync() => region = await SimulatedRegion.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));

    public async Task DisposeAsync() => await region.DisposeAsync();

    [Fact]
    public async Task A_step_that_keeps_being_throttled_logs_each_retry_and_ends_with_retries_exhausted_at_its_deadline()
    {
        var deploymentId = "obs-" + Guid.NewGuid().ToString("N")[..8];
        var logger = new RecordingLogger<StepExecutor>();
        var executor = new StepExecutor(
            region.Provider, new HttpClient(), TimeProvider.System, logger,
            new StepExecutorOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(50), RetryMaxDelay = TimeSpan.FromMilliseconds(100) });
        var durations = new List<(string Action, string Outcome)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "AmiOrchestrator" && instrument.Name == "amiorchestrator.step.duration")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var values = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            lock (durations)
                durations.Add((values["action"]!, values["outcome"]!));
        });
        meters.Start();
        var spans = new List<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "AmiOrchestrator",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("deployment.id") as string == deploymentId)
                {
                    lock (spans)
                        spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        region.Control.SetFault("CreateOrUpdateTags", new FaultSettings(ThrottleRate: 1));
        var now = TimeProvider.System.GetUtcNow();
        var step = PlannedStep.Create(deploymentId, "setup", StepStage.Setup, 0, new TagAsg(WebRegion.Older, [new AsgTag(LineageTags.BlueGreenKey, LineageTags.Green)]));

        var outcome = await executor.RunAsync(new StepRequest(deploymentId, WebSpecs.Basic(), 0, new StepStarted(step, now + TimeSpan.FromSeconds(4), now)), CancellationToken.None);

        Assert.Equal((StepFailureKind.RetriesExhausted, "Throttling"), (outcome.Failure?.Kind, outcome.Failure?.Code));
        Assert.Contains(logger.Lines, l => l.StartsWith("Information: Step " + step.Id + " started", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("attempt 1 failed (Throttling: Rate exceeded); retrying", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.StartsWith("Warning: Step " + step.Id + " failed: RetriesExhausted", StringComparison.Ordinal));
        Assert.Contains(("tag-asg", "RetriesExhausted"), durations);
        var span = Assert.Single(spans);
        Assert.Equal(("step tag-asg", ActivityStatusCode.Error, step.Id), (span.DisplayName, span.Status, span.GetTagItem("step.id")));
    }
}
