using AmiOrchestrator.Aws.Hosting;
using AmiOrchestrator.Domain.Cloud;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Aws.Tests.Hosting;

public class AddAwsCloudTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAwsCloud(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Options_bind_from_configuration_and_the_provider_is_one_for_the_process()
    {
        using var services = Build(new()
        {
            ["EndpointUrl"] = "http://127.0.0.1:4566/",
            ["AccessKeyId"] = "AKIDEXAMPLE",
            ["SecretAccessKey"] = "secret",
            ["Retry:MaxAttempts"] = "4",
            ["RateLimit:RequestsPerSecond"] = "7",
            ["HttpTimeout"] = "00:00:12",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<Configuration.AwsOptions>>().Value;

        Assert.Equal((new Uri("http://127.0.0.1:4566/"), 4, 7.0, TimeSpan.FromSeconds(12)),
            (options.EndpointUrl, options.Retry.MaxAttempts, options.RateLimit.RequestsPerSecond, options.HttpTimeout));
        Assert.Same(services.GetRequiredService<ICloudProvider>(), services.GetRequiredService<ICloudProvider>());
    }

    [Fact]
    public void Invalid_options_stop_the_start_naming_every_problem()
    {
        using var services = Build(new()
        {
            ["AccessKeyId"] = "AKIDEXAMPLE",
            ["HttpTimeout"] = "-00:00:01",
            ["Retry:MaxAttempts"] = "0",
            ["RoleArn"] = "deployer",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Aws: AccessKeyId and SecretAccessKey must be given together", failure.Failures);
        Assert.Contains("Aws: HttpTimeout must be positive", failure.Failures);
        Assert.Contains("Aws: RoleArn 'deployer' is not an IAM role ARN such as arn:aws:iam::123456789012:role/deployer", failure.Failures);
        Assert.Contains(failure.Failures, f => f.StartsWith("Aws: Retry", StringComparison.Ordinal) || f.Contains("MaxAttempts", StringComparison.Ordinal));
    }
}
