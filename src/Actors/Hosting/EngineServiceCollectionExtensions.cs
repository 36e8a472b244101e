using AmiOrchestrator.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Actors.Hosting;

/// <summary>The services an engine node's actors take from the host.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the step executor every deployment of the node shares (with the HTTP client its gates use) and the
    /// clock, unless the host registered its own (a sped-up clock for a demo, a fake one in a test). The cloud
    /// provider (<c>AddAwsCloud</c>, or any <c>ICloudProvider</c>) must be registered too.
    /// </summary>
    public static IServiceCollection AddAmiOrchestratorEngine(this IServiceCollection services, StepExecutorOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new StepExecutor(
            provider.GetRequiredService<Domain.Cloud.ICloudProvider>(),
            // One client for every HTTP check gate of the node; a gate gives each request its own timeout.
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<StepExecutor>>(),
            options));
        return services;
    }
}
