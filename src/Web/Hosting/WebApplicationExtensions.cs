using AmiOrchestrator.Web.Api;
using AmiOrchestrator.Web.Dashboard;
using AmiOrchestrator.Web.Health;
using AmiOrchestrator.Web.Live;
using AmiOrchestrator.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;

namespace AmiOrchestrator.Web.Hosting;

/// <summary>The routes of a node's web surface (its services come from <c>AddAmiOrchestratorWeb</c> (<see cref="WebServiceCollectionExtensions"/>)).</summary>
public static class WebApplicationExtensions
{
    internal const string ReadyTag = "ready";

    /// <summary>
    /// Maps the node's web surface:
    /// <list type="bullet">
    /// <item><c>/</c>: the dashboard (its assets under <c>/dashboard/</c>);</item>
    /// <item><c>/api/...</c>: reads (open, or behind <c>Web:ReadToken</c>) and commands (behind <c>Web:WriteToken</c>), including
    /// the server-sent event streams;</item>
    /// <item><c>/openapi/v1.json</c>: the API's OpenAPI document;</item>
    /// <item><c>/healthz</c> (the process answers), <c>/ready</c> (cluster member Up, journal reachable), <c>/metrics</c> (Prometheus).</item>
    /// </list>
    /// </summary>
    public static WebApplication MapAmiOrchestratorWeb(this WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<EngineFailureFilter>().WithTags("Deployments");
        var reads = api.MapGroup("").AddEndpointFilter(new TokenFilter(Access.Read));
        ReadEndpoints.Map(reads);
        LiveEndpoints.Map(reads);
        CommandEndpoints.Map(api.MapGroup("").AddEndpointFilter(new TokenFilter(Access.Write)));

        app.MapOpenApi("/openapi/{documentName}.json");
        DashboardEndpoints.Map(app);

        // Probes are open, as orchestrators call them without credentials; they reveal only whether the node can serve.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync });
        // Metrics are open like the probes: a scraper has no token, and the numbers hold no deployment's details.
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
