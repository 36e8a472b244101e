using System.Net;
using System.Net.Sockets;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Aws.Tests.Support;
using AmiOrchestrator.Domain.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests.Query;

public sealed class QueryClientTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private readonly StubAws stub = new();

    [Fact]
    public async Task Request_is_a_signed_form_post_to_the_configured_endpoint()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.NoResult("DeleteAutoScalingGroup"));
        using var provider = TestProviders.Create(stub, time);

        await provider.For(new CloudTarget("eu-west-1", null)).DeleteAsgAsync("web", forceDelete: true, CancellationToken.None);

        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("https://aws.test/"), request.Uri);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("Action=DeleteAutoScalingGroup&Version=2011-01-01&AutoScalingGroupName=web&ForceDelete=true", request.Body);
        Assert.Equal("20260304T050607Z", request.Header("X-Amz-Date"));
        Assert.StartsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260304/eu-west-1/autoscaling/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=",
            request.Header("Authorization"),
            StringComparison.Ordinal);
        Assert.Empty(request.Header("x-amz-security-token"));
    }

    [Fact]
    public async Task Each_service_is_signed_with_its_own_name_and_sends_its_own_version()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeTargetHealth", "<TargetHealthDescriptions/>", AwsXml.ElbV2Ns));
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeInstanceHealth", "<InstanceStates/>", AwsXml.ElbNs));
        using var provider = TestProviders.Create(stub, time);
        var cloud = provider.For(new CloudTarget("us-west-2", null));

        await cloud.DescribeTargetHealthAsync("arn:tg", CancellationToken.None);
        await cloud.DescribeInstanceHealthAsync("classic", CancellationToken.None);

        Assert.Equal(["2015-12-01", "2012-06-01"], stub.Requests.Select(r => r.Form["Version"]));
        Assert.All(stub.Requests, r => Assert.Contains("/us-west-2/elasticloadbalancing/aws4_request", r.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_token_is_sent_and_signed()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.NoResult("SetDesiredCapacity"));
        using var provider = TestProviders.Create(stub, time, TestProviders.Options() with { SessionToken = "session-token" });

        await provider.For(new CloudTarget("us-east-1", null)).DeleteAsgAsync("web", false, CancellationToken.None);

        var request = Assert.Single(stub.Requests);
        Assert.Equal("session-token", request.Header("x-amz-security-token"));
        Assert.Contains("x-amz-security-token", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_attempt_is_signed_afresh_at_its_own_time()
    {
        stub.Respond(HttpStatusCode.BadRequest, AwsXml.QueryError("Throttling", "Rate exceeded"));
        stub.Respond(HttpStatusCode.OK, AwsXml.NoResult("DeleteAutoScalingGroup"));
        using var provider = TestProviders.Create(stub, time);

        var call = provider.For(new CloudTarget("us-east-1", null)).DeleteAsgAsync("web", false, CancellationToken.None);
        await Polling.UntilAsync(() => stub.Requests.Count == 2, () => time.Advance(TimeSpan.FromSeconds(5)));
        await call;

        Assert.Equal("20260304T050607Z", stub.Requests[0].Header("X-Amz-Date"));
        Assert.True(string.CompareOrdinal(stub.Requests[1].Header("X-Amz-Date"), "20260304T050612Z") >= 0);
        Assert.NotEqual(stub.Requests[0].Header("Authorization"), stub.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task Response_in_another_services_namespace_is_refused()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeLifecycleHooks", "<LifecycleHooks/>", AwsXml.ElbV2Ns));
        using var provider = TestProviders.Create(stub, time);

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget("us-east-1", null)).DescribeLifecycleHooksAsync("web", CancellationToken.None));

        Assert.Equal(InvalidResponse.Code, error.Error.Code);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Success_status_with_a_body_that_is_not_xml_is_an_invalid_response()
    {
        stub.Respond(HttpStatusCode.OK, "<html>captive portal");
        using var provider = TestProviders.Create(stub, time);

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget("us-east-1", null)).DescribeLifecycleHooksAsync("web", CancellationToken.None));

        Assert.Equal(InvalidResponse.Code, error.Error.Code);
        Assert.False(error.Error.Retryable);
    }

    [Fact]
    public async Task Request_id_of_an_error_without_a_document_comes_from_the_header()
    {
        stub.Respond(_ =>
        {
            var response = StubAws.Text(HttpStatusCode.Forbidden, string.Empty);
            response.Headers.Add("x-amzn-RequestId", "hdr-123");
            return response;
        });
        using var provider = TestProviders.Create(stub, time);

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget("us-east-1", null)).DescribeLifecycleHooksAsync("web", CancellationToken.None));

        Assert.Equal(("Http403", 403, "hdr-123"), (error.Error.Code, error.Error.HttpStatus, error.Error.RequestId));
    }

    [Fact]
    public async Task Broken_connection_is_a_retryable_connection_failure()
    {
        for (var i = 0; i < 4; i++)
            stub.Throw(new HttpRequestException("connection reset"));
        using var provider = TestProviders.Create(stub, TimeProvider.System);

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget("us-east-1", null)).DescribeLifecycleHooksAsync("web", CancellationToken.None));

        Assert.Equal(CloudErrorCodes.ConnectionFailure, error.Error.Code);
        Assert.True(error.Error.Retryable);
        Assert.Null(error.Error.HttpStatus);
        Assert.Equal(4, stub.Requests.Count);
    }

    [Fact]
    public async Task No_answer_within_the_http_timeout_is_a_request_timeout()
    {
        stub.Hang();
        var options = TestProviders.Options() with
        {
            HttpTimeout = TimeSpan.FromMilliseconds(200),
            Retry = TestProviders.Options().Retry with { MaxAttempts = 1 },
        };
        using var provider = TestProviders.Create(stub, TimeProvider.System, options);

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget("us-east-1", null)).DescribeLifecycleHooksAsync("web", CancellationToken.None));

        Assert.Equal(CloudErrorCodes.RequestTimeout, error.Error.Code);
        Assert.True(error.Error.Retryable);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_an_error()
    {
        stub.Hang();
        using var provider = TestProviders.Create(stub, TimeProvider.System);
        using var cancellation = new CancellationTokenSource();

        var call = provider.For(new CloudTarget("us-east-1", null)).DescribeLifecycleHooksAsync("web", cancellation.Token);
        await stub.WaitForRequestsAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Refused_connection_on_a_real_socket_is_a_connection_failure()
    {
        var port = ClosedLoopbackPort();
        var options = TestProviders.Options(new Uri($"http://127.0.0.1:{port}/")) with
        {
            Retry = TestProviders.Options().Retry with { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) },
        };
        using var provider = new AwsCloudProvider(options);

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget("us-east-1", null)).DescribeLifecycleHooksAsync("web", CancellationToken.None));

        Assert.Equal(CloudErrorCodes.ConnectionFailure, error.Error.Code);
        Assert.Contains("127.0.0.1", error.Error.Message, StringComparison.Ordinal);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
