using AmiOrchestrator.Aws.Configuration;

namespace AmiOrchestrator.Aws.Tests.Support;

/// <summary>Providers wired to a stub or the simulator, with explicit dummy credentials and tiny back-offs.</summary>
internal static class TestProviders
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    static TestProviders() =>
        // Nothing in these tests may probe the instance metadata service, whatever credentials path runs.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

    public static AwsOptions Options(Uri? endpoint = null) => new()
    {
        EndpointUrl = endpoint ?? new Uri("https://aws.test/"),
        AccessKeyId = AccessKey,
        SecretAccessKey = SecretKey,
        Retry = new RetryOptions
        {
            MaxAttempts = 4,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            ThrottlingBaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
        },
        // No budget to speak of, for every service: these tests are about other things.
        RateLimit = new RateLimitOptions { RequestsPerSecond = 10_000, Burst = 10_000, Services = new Dictionary<string, ServiceBudget>() },
    };

    public static AwsCloudProvider Create(StubAws stub, TimeProvider time, AwsOptions? options = null, int seed = 7) =>
        new(options ?? Options(), time, stub, new Random(seed));
}
