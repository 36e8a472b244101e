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
using OpenTelemetry.Resources;

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
        return AddServices(services);
    }

    /// <summary>
    /// The same, with options a host has read and checked itself (the executable reads every setting of a node in one
    /// place, so that all of them are named at start, and accepts durations such as <c>15s</c> the binder does not).
    /// </summary>
    /// <exception cref="ArgumentException">The options have problems (<see cref="WebOptions.Problems"/>), all named.</exception>
    public static IServiceCollection AddAmiOrchestratorWeb(this IServiceCollection services, WebOptions options)
    {
        if (options.Problems() is { Count: > 0 } problems)
            throw new ArgumentException("The web options are invalid: " + string.Join("; ", problems), nameof(options));
        services.AddSingleton(Options.Create(options));
        return AddServices(services);
    }

    private static IServiceCollection AddServices(IServiceCollection services)
    {
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
        // Without a service name the scrape says unknown_service:dotnet; every node of a cluster is the same service.
        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("ami-orchestrator")).WithMetrics(metrics => metrics
            .AddMeter(WebMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }
}
