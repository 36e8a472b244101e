using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Only requests signed with a configured account's secret, or a live STS session, get in.</summary>
public sealed class SignatureTests : SimulatorTest
{
    private const string SignatureMismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private static readonly SimulatedAccount Other = new("210987654321", "AKIDOTHERACCOUNT", "other-secret");

    [Theory]
    [InlineData("autoscaling", "2011-01-01", "DescribeAutoScalingGroups")]
    [InlineData("ec2", "2016-11-15", "DescribeImages")]
    [InlineData("sts", "2011-06-15", "GetCallerIdentity")]
    public async Task A_wrong_secret_is_refused_with_403_SignatureDoesNotMatch(string service, string version, string action)
    {
        using var client = new QueryClient(Simulator.Endpoint, new BasicAWSCredentials(SimulatedAccount.Default.AccessKeyId, "wrong"));

        var error = await Assert.ThrowsAsync<QueryException>(() => client.CallAsync(service, version, action));

        Assert.Equal(("SignatureDoesNotMatch", 403, SignatureMismatch), (error.Code, error.Status, error.AwsMessage));
    }

    [Theory]
    [InlineData("autoscaling", "2011-01-01", "DescribeAutoScalingGroups", "InvalidClientTokenId", 403)]
    [InlineData("ec2", "2016-11-15", "DescribeImages", "AuthFailure", 401)]
    public async Task An_unknown_access_key_is_refused(string service, string version, string action, string code, int status)
    {
        using var client = new QueryClient(Simulator.Endpoint, new BasicAWSCredentials("AKIDUNKNOWN", "secret"));

        var error = await Assert.ThrowsAsync<QueryException>(() => client.CallAsync(service, version, action));

        Assert.Equal((code, status), (error.Code, error.Status));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var (request, _) = await SignedRequest("Action=DescribeAutoScalingGroups&Version=2011-01-01", "autoscaling");
        request.Content = new StringContent("Action=DeleteAutoScalingGroup&Version=2011-01-01&AutoScalingGroupName=web", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var http = new HttpClient();

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_with_MissingAuthenticationToken()
    {
        using var http = new HttpClient();

        using var response = await http.PostAsync(Simulator.Endpoint, new FormUrlEncodedContent([new("Action", "DescribeAutoScalingGroups"), new("Version", "2011-01-01")]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_scoped_to_another_service_is_refused()
    {
        using var response = await Client.SendAsync("ec2", [("Action", "DescribeAutoScalingGroups"), ("Version", "2011-01-01")]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Credential should be scoped to correct service: 'autoscaling'.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_GET_with_its_parameters_in_the_query_string_is_accepted()
    {
        var uri = new Uri(Simulator.Endpoint, "?Action=DescribeImages&Version=2016-11-15&ImageId.1=" + TestRegion.ImageV1);
        var signed = await AWSSigV4Signer.SignAsync(
            new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = uri, Content = [] },
            new AWSSigV4Parameters { Credentials = Credentials(SimulatedAccount.Default), Region = RegionEndpoint.USEast1, Service = "ec2" });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var header in signed.Headers)
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        using var http = new HttpClient();

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<imageId>{TestRegion.ImageV1}</imageId>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_account_and_region_has_its_own_state()
    {
        await using var simulator = await SimulatedAws.StartAsync(new SimulatorOptions
        {
            Clock = Clock,
            Accounts = [SimulatedAccount.Default, Other],
            Fixtures = TestRegion.Fixtures(),
        });
        using var first = new QueryClient(simulator.Endpoint, SimulatedAccount.Default);
        using var second = new QueryClient(simulator.Endpoint, Other);
        using var firstWest = new QueryClient(simulator.Endpoint, SimulatedAccount.Default, "us-west-2");

        await first.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 1, 0));
        var seenByFirst = await first.AutoScalingAsync("DescribeAutoScalingGroups");
        var seenBySecond = await second.AutoScalingAsync("DescribeAutoScalingGroups");
        var seenInWest = await firstWest.AutoScalingAsync("DescribeAutoScalingGroups");
        var secondIdentity = await second.StsAsync("GetCallerIdentity");

        Assert.Single(seenByFirst.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
        Assert.Empty(seenBySecond.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
        Assert.Empty(seenInWest.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
        Assert.Equal("210987654321", secondIdentity.Find("Account"));
    }

    private static BasicAWSCredentials Credentials(SimulatedAccount account) => new(account.AccessKeyId, account.SecretAccessKey);

    private async Task<(HttpRequestMessage Request, byte[] Body)> SignedRequest(string body, string service)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var signingRequest = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = Simulator.Endpoint, Content = bytes };
        signingRequest.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        var signed = await AWSSigV4Signer.SignAsync(
            signingRequest, new AWSSigV4Parameters { Credentials = Credentials(SimulatedAccount.Default), Region = RegionEndpoint.USEast1, Service = service });
        var request = new HttpRequestMessage(HttpMethod.Post, Simulator.Endpoint) { Content = new ByteArrayContent(bytes) };
        foreach (var header in signed.Headers)
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return (request, bytes);
    }
}
