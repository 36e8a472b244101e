using System.Text.Json.Serialization;
using AmiOrchestrator.Web.Engine;
using AmiOrchestrator.Web.Health;
using AmiOrchestrator.Web.Live;
using AmiOrchestrator.Web.OpenApi;
using AmiOrchestrator.Web.Security;
using AmiOrchestrator.Web.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace AmiOrchestrator.Web.Hosting;

/// <summary>The services of a node's web surface; <see cref="WebApplicationExtensions.MapAmiOrchestratorWeb"/> maps its routes.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HTTP API, live streams, health checks, OpenAPI document and OpenTelemetry metrics (with a Prometheus
    /// exporter) of an engine node, configured from <paramref name="configuration"/>'s <c>Web</c> section
    /// (<see cref="WebOptions"/>, refused at start-up with every problem named). The node's engine must be wired in the same
    /// host (<c>AddAkka</c> with <c>WithAmiOrchestrator</c>): the API talks to its gateway and query actors.
    /// </summary>
    public static IServiceCollection AddAmiOrchestratorWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidation>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<EngineClient>();
        services.AddSingleton<ReadModelChanges>();
        services.AddSingleton<LiveStreams>();
        services.AddSingleton<WebMetrics>();
        // The API writes what the engine's records are, as the cluster-client protocol carries them: absent rather than null.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        services.AddProblemDetails();
        services.AddOpenApi(ApiDocument.Name, ApiDocument.Configure);
        services.AddHealthChecks()
            .AddCheck<ClusterMembershipCheck>("cluster", tags: [WebApplicationExtensions.ReadyTag])
            .AddCheck<JournalCheck>("journal", tags: [WebApplicationExtensions.ReadyTag]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WebMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }
}
