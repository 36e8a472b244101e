using AmiOrchestrator.Web.Engine;
using AmiOrchestrator.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Web.Health;

/// <summary>
/// Ready only while the journal's database answers: the read model's status query reads the journal table and the
/// read model's offset in that database, so an answer proves both reachable, through the same query actor the API uses.
/// </summary>
internal sealed class JournalCheck(EngineClient engine, IOptions<WebOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.ReadinessTimeout;
        try
        {
            var status = await engine.StatusAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy(
                $"the journal answers; the read model is at offset {status.ProjectedOffset}, {status.Lag} behind",
                new Dictionary<string, object> { ["projectedOffset"] = status.ProjectedOffset, ["lag"] = status.Lag });
        }
        catch (Akka.Actor.AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy($"the journal's database did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy("the journal's database failed: " + e.Message);
        }
    }
}
