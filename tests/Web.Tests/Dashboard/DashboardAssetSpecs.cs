using System.Net;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Dashboard;

/// <summary>The dashboard's files, served by the node from its own assembly.</summary>
public sealed class DashboardAssetSpecs : IClassFixture<NodeFixture>
{
    private readonly WebNode node;

    public DashboardAssetSpecs(NodeFixture fixture, ITestOutputHelper output)
    {
        fixture.Output.UseFor(output);
        node = fixture.Node;
    }

    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_policy_that_allows_only_its_own_files()
    {
        var response = await node.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"dashboard/dashboard.js\"></script>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript")]
    [InlineData("dashboard.css", "text/css")]
    public async Task Its_script_and_stylesheet_are_served_with_their_types(string file, string type)
    {
        var response = await node.Http.GetAsync($"/dashboard/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    [Fact]
    public async Task A_file_the_browser_already_has_is_a_304()
    {
        var first = await node.Http.GetAsync("/dashboard/dashboard.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/dashboard.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await node.Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task A_file_the_dashboard_does_not_have_is_a_404()
    {
        var response = await node.Http.GetAsync("/dashboard/secrets.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
