using System.Net;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Security;

/// <summary>A node configured with no token at all: reads are open, and commands are refused with how to enable them.</summary>
public sealed class NoWriteTokenSpecs : IClassFixture<NoWriteTokenSpecs.NoTokens>
{
    private readonly WebNode node;

    public NoWriteTokenSpecs(NoTokens fixture, ITestOutputHelper output)
    {
        fixture.Output.UseFor(output);
        node = fixture.Node;
    }

    [Fact]
    public async Task Reads_are_open()
    {
        var page = await Requests.GetAsync(node.Http, "/api/deployments");

        Assert.NotNull(page["deployments"]);
    }

    [Fact]
    public async Task Commands_are_403s_saying_which_setting_enables_them()
    {
        using var client = node.Client("any-token-at-all-0123456789");

        var anonymous = await Requests.ProblemAsync(await Requests.SubmitAsync(node.Http, "nw-1", Lineages.Basic("nw-1")), HttpStatusCode.Forbidden);
        var withToken = await Requests.ProblemAsync(await Requests.PostAsync(client, "/api/deployments/nw-1/approve", """{ "by": "ops" }"""), HttpStatusCode.Forbidden);

        Assert.Contains("set Web:WriteToken (environment variable Web__WriteToken)", Assert.Single(anonymous["Authorization"]), StringComparison.Ordinal);
        Assert.Equal(anonymous, withToken);
    }

    public sealed class NoTokens : NodeFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();
    }
}
