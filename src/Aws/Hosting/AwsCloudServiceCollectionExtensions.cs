using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Domain.Cloud;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Aws.Hosting;

/// <summary>Registers the engine's cloud access in a host.</summary>
public static class AwsCloudServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICloudProvider"/> as one <see cref="AwsCloudProvider"/> for the process (one HTTP client, one
    /// call budget shared by every deployment), with <see cref="AwsOptions"/> bound from <paramref name="configuration"/>
    /// and validated when the host starts, every problem named, so a bad setting stops the node before it takes work.
    /// </summary>
    public static IServiceCollection AddAwsCloud(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AwsOptions>, AwsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICloudProvider>(provider => new AwsCloudProvider(
            provider.GetRequiredService<IOptions<AwsOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    private sealed class AwsOptionsValidator : IValidateOptions<AwsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AwsOptions options)
        {
            var problems = options.Problems().Select(p => "Aws: " + p).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
