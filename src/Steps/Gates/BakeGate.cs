using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Steps.Gates;

/// <summary>
/// Waits out a bake time (the step's deadline, persisted, so a restart never lengthens it) while the named CloudWatch
/// alarms must stay out of ALARM: one in ALARM fails the gate at once. An alarm that does not exist fails it too, since
/// a misspelt name would otherwise pass every bake. Reading the alarms may fail now and then; the bake passes only if
/// the alarms were read at least once in the last poll intervals before it ends, so an outage cannot pass it blind.
/// </summary>
internal static class BakeGate
{
    public static async Task<StepCompletion> RunAsync(StepContext context, Bake bake, CancellationToken cancellationToken)
    {
        var end = context.Deadline ?? throw new ArgumentException("a bake step carries its end as its deadline", nameof(context));
        var poll = bake.PollInterval.Value;
        DateTimeOffset? lastRead = null;
        CloudError? lastError = null;
        while (true)
        {
            var now = context.Time.GetUtcNow();
            if (bake.Alarms.Count > 0)
            {
                try
                {
                    Judge(bake, await context.Cloud.DescribeAlarmsAsync(bake.Alarms, cancellationToken));
                    lastRead = context.Time.GetUtcNow();
                }
                catch (CloudException e) when (e.Error.Retryable)
                {
                    lastError = e.Error;
                }
                catch (CloudException e)
                {
                    throw StepFailureException.NonRetryable($"the bake's alarms could not be read: {e.Error.Message}", e.Error.Code);
                }
            }
            if (now >= end)
                break;
            var wait = end - now < poll ? end - now : poll;
            await Task.Delay(wait, context.Time, cancellationToken);
        }
        if (bake.Alarms.Count == 0)
            return new StepCompletion($"baked {bake.BakeTime}");
        if (lastRead is null || end - lastRead > 2 * poll)
        {
            throw new StepFailureException(new StepFailure(
                StepFailureKind.RetriesExhausted,
                $"the alarms {string.Join(", ", bake.Alarms)} could not be read at the end of the bake: {lastError?.ToString() ?? "no answer"}",
                lastError?.Code));
        }
        return new StepCompletion($"baked {bake.BakeTime}; alarms {string.Join(", ", bake.Alarms)} stayed out of ALARM");
    }

    private static void Judge(Bake bake, IReadOnlyList<MetricAlarm> alarms)
    {
        var missing = bake.Alarms.Where(name => alarms.All(a => a.AlarmName != name)).ToList();
        if (missing.Count > 0)
            throw new StepFailureException(new StepFailure(StepFailureKind.CheckFailed, $"alarm(s) {string.Join(", ", missing)} do not exist"));
        var firing = alarms.Where(a => a.IsInAlarm).Select(a => a.AlarmName).ToList();
        if (firing.Count > 0)
            throw new StepFailureException(new StepFailure(StepFailureKind.CheckFailed, $"alarm(s) {string.Join(", ", firing)} in ALARM during the bake"));
    }
}
