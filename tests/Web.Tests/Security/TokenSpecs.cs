using System.Net;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Security;

/// <summary>A node with both tokens set: reads need either token, commands the write token.</summary>
public sealed class TokenSpecs : IClassFixture<TokenSpecs.BothTokens>
{
    private const string SomeCommand = "/api/deployments/tok-none/abort";
    private const string SomeCommandBody = """{ "by": "ops", "reason": "test" }""";

    private readonly WebNode node;

    public TokenSpecs(BothTokens fixture, ITestOutputHelper output)
    {
        fixture.Output.UseFor(output);
        node = fixture.Node;
    }

    [Theory]
    [InlineData("/api/deployments")]
    [InlineData("/api/deployments/tok-none")]
    [InlineData("/api/deployments/tok-none/events")]
    [InlineData("/api/events/deployments")]
    [InlineData("/api/lineages/web-prod")]
    [InlineData("/api/read-model")]
    public async Task A_read_without_a_token_is_a_401_that_asks_for_a_bearer_token(string path)
    {
        var response = await node.Http.GetAsync(path);

        var errors = await Requests.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("need a bearer token", Assert.Single(errors["Authorization"]), StringComparison.Ordinal);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_read_with_a_wrong_token_is_a_401_saying_the_token_is_invalid()
    {
        using var client = node.Client("not-a-token-of-this-node");

        var response = await client.GetAsync("/api/deployments");

        var errors = await Requests.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("the bearer token is not one this node accepts", Assert.Single(errors["Authorization"]));
        Assert.Contains("invalid_token", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WebNode.ReadToken)]
    [InlineData(WebNode.WriteToken)]
    public async Task Either_token_reads(string token)
    {
        using var client = node.Client(token);

        var page = await Requests.GetAsync(client, "/api/deployments");

        Assert.NotNull(page["deployments"]);
    }

    [Fact]
    public async Task A_command_without_a_token_is_a_401()
    {
        var errors = await Requests.ProblemAsync(await Requests.PostAsync(node.Http, SomeCommand, SomeCommandBody), HttpStatusCode.Unauthorized);

        Assert.Contains("commands need a bearer token", Assert.Single(errors["Authorization"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_with_a_wrong_token_is_a_401()
    {
        using var client = node.Client("not-a-token-of-this-node");

        await Requests.ProblemAsync(await Requests.PostAsync(client, SomeCommand, SomeCommandBody), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_command_with_the_read_token_is_a_403()
    {
        using var client = node.Client(WebNode.ReadToken);

        var errors = await Requests.ProblemAsync(await Requests.PostAsync(client, SomeCommand, SomeCommandBody), HttpStatusCode.Forbidden);

        Assert.Equal("the read token does not allow commands; use the write token", Assert.Single(errors["Authorization"]));
    }

    [Fact]
    public async Task A_command_with_the_write_token_reaches_the_engine()
    {
        using var client = node.Client(WebNode.WriteToken);

        // The engine answers: nobody submitted this id.
        await Requests.ProblemAsync(await Requests.PostAsync(client, SomeCommand, SomeCommandBody), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_dashboard_probes_metrics_and_openapi_document_need_no_token()
    {
        foreach (var path in new[] { "/", "/healthz", "/ready", "/metrics", "/openapi/v1.json" })
            Assert.Equal((path, HttpStatusCode.OK), (path, (await node.Http.GetAsync(path)).StatusCode));
    }

    public sealed class BothTokens : NodeFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Web:ReadToken"] = WebNode.ReadToken,
            ["Web:WriteToken"] = WebNode.WriteToken,
        };
    }
}
