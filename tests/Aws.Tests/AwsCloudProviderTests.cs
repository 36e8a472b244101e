using System.Net;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Tests.Support;
using AmiOrchestrator.Domain.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests;

public sealed class AwsCloudProviderTests
{
    private const string RoleA = "arn:aws:iam::210987654321:role/deployer";
    private const string RoleB = "arn:aws:iam::210987654321:role/other";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero));
    private readonly StubAws stub = new();

    [Fact]
    public void The_same_target_gets_the_same_cloud()
    {
        using var provider = TestProviders.Create(stub, time);

        Assert.Same(provider.For(new CloudTarget("us-east-1", RoleA)), provider.For(new CloudTarget("us-east-1", RoleA)));
        Assert.NotSame(provider.For(new CloudTarget("us-east-1", RoleA)), provider.For(new CloudTarget("us-east-1", RoleB)));
    }

    [Fact]
    public async Task Clouds_of_one_account_and_region_draw_from_one_budget()
    {
        stub.Otherwise = r => StubAws.Text(HttpStatusCode.OK, r.Action == "AssumeRole" ? AssumeRoleAnswer() : AwsXml.NoResult(r.Action));
        var options = TestProviders.Options() with { RateLimit = new RateLimitOptions { RequestsPerSecond = 1, Burst = 2 } };
        using var provider = TestProviders.Create(stub, time, options);
        var first = provider.For(new CloudTarget("us-east-1", RoleA));
        var second = provider.For(new CloudTarget("us-east-1", RoleB));

        await first.DeleteAsgAsync("a", false, CancellationToken.None);
        await second.DeleteAsgAsync("b", false, CancellationToken.None);
        // Had the second cloud a bucket of its own, it would still hold a token for this call.
        var waiting = second.DeleteAsgAsync("c", false, CancellationToken.None);

        Assert.False(waiting.IsCompleted);
        Assert.Equal(2, stub.Requests.Count(r => r.Action == "DeleteAutoScalingGroup"));
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting;
        Assert.Equal(3, stub.Requests.Count(r => r.Action == "DeleteAutoScalingGroup"));
    }

    [Fact]
    public async Task Another_region_has_its_own_budget()
    {
        stub.Otherwise = r => StubAws.Text(HttpStatusCode.OK, AwsXml.NoResult(r.Action));
        var options = TestProviders.Options() with { RateLimit = new RateLimitOptions { RequestsPerSecond = 1, Burst = 1 } };
        using var provider = TestProviders.Create(stub, time, options);

        await provider.For(new CloudTarget("us-east-1", null)).DeleteAsgAsync("a", false, CancellationToken.None);
        // The fake clock never moves here: a shared, empty bucket would make this call wait forever.
        await provider.For(new CloudTarget("eu-west-1", null)).DeleteAsgAsync("b", false, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_role_target_signs_with_the_assumed_session_after_assume_role_signed_with_our_own_keys()
    {
        stub.Respond(HttpStatusCode.OK, AssumeRoleAnswer());
        stub.Otherwise = r => StubAws.Text(HttpStatusCode.OK, AwsXml.NoResult(r.Action));
        using var provider = TestProviders.Create(stub, time, TestProviders.Options() with { RoleSessionName = "deploy-bot" });
        var cloud = provider.For(new CloudTarget("ap-southeast-2", RoleA));

        await cloud.DeleteAsgAsync("a", false, CancellationToken.None);
        await cloud.DeleteAsgAsync("b", false, CancellationToken.None);

        Assert.Equal(["AssumeRole", "DeleteAutoScalingGroup", "DeleteAutoScalingGroup"], stub.Requests.Select(r => r.Action));
        var assume = stub.Requests[0];
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "AssumeRole", ["Version"] = "2011-06-15", ["RoleArn"] = RoleA,
                ["RoleSessionName"] = "deploy-bot", ["DurationSeconds"] = "3600",
            },
            assume.Form);
        Assert.Contains("Credential=AKIDEXAMPLE/20260304/ap-southeast-2/sts/aws4_request", assume.Header("Authorization"), StringComparison.Ordinal);
        Assert.All(stub.Requests.Skip(1), r =>
        {
            Assert.Contains("Credential=ASIATEMP/", r.Header("Authorization"), StringComparison.Ordinal);
            Assert.Equal("session-token", r.Header("x-amz-security-token"));
        });
    }

    [Fact]
    public async Task A_refused_assume_role_surfaces_with_stss_words()
    {
        stub.Respond(HttpStatusCode.Forbidden, AwsXml.QueryError("AccessDenied", "User: arn:aws:iam::123456789012:user/engine is not authorized to perform: sts:AssumeRole"));
        using var provider = TestProviders.Create(stub, time);

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget("us-east-1", RoleA)).DeleteAsgAsync("a", false, CancellationToken.None));

        Assert.Equal(("AccessDenied", 403, false), (error.Error.Code, error.Error.HttpStatus, error.Error.Retryable));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public void A_role_that_is_not_an_iam_role_arn_is_refused()
    {
        using var provider = TestProviders.Create(stub, time);

        Assert.Throws<ArgumentException>(() => provider.For(new CloudTarget("us-east-1", "deployer")));
    }

    [Theory]
    [InlineData("us-east-1", "https://autoscaling.us-east-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://autoscaling.cn-north-1.amazonaws.com.cn/")]
    [InlineData("", "https://autoscaling.eu-north-1.amazonaws.com/")]
    public async Task Without_an_endpoint_the_regions_public_endpoint_is_used(string region, string expected)
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.NoResult("DeleteAutoScalingGroup"));
        using var provider = TestProviders.Create(stub, time, TestProviders.Options() with { EndpointUrl = null, DefaultRegion = "eu-north-1" });

        await provider.For(new CloudTarget(region, null)).DeleteAsgAsync("a", false, CancellationToken.None);

        Assert.Equal(new Uri(expected), Assert.Single(stub.Requests).Uri);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem_named()
    {
        var options = new AwsOptions
        {
            AccessKeyId = "AKID",
            Retry = new RetryOptions { MaxAttempts = 0 },
            RateLimit = new RateLimitOptions { RequestsPerSecond = 0, Services = new Dictionary<string, ServiceBudget> { ["monitoring"] = new(1, 0) } },
            HttpTimeout = TimeSpan.Zero,
        };

        var error = Assert.Throws<ArgumentException>(() => new AwsCloudProvider(options));

        Assert.Contains("AccessKeyId and SecretAccessKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retry.MaxAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("RateLimit.RequestsPerSecond", error.Message, StringComparison.Ordinal);
        Assert.Contains("RateLimit.Services.monitoring.Burst must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("HttpTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_options_are_valid()
    {
        new AwsOptions().Validate();
    }

    private string AssumeRoleAnswer() => AwsXml.Result(
        "AssumeRole",
        $"<Credentials><AccessKeyId>ASIATEMP</AccessKeyId><SecretAccessKey>temp-secret</SecretAccessKey><SessionToken>session-token</SessionToken>"
        + $"<Expiration>{time.GetUtcNow().AddHours(1):yyyy-MM-ddTHH:mm:ssZ}</Expiration></Credentials>",
        AwsXml.StsNs);
}
