using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AmiOrchestrator.Orchestrator.Tests.Support;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Orchestrator.Tests;

/// <summary>
/// The web surface of a real <c>ami-orchestrator serve</c> process (a simulated region inside it, its clock 40x): the
/// probes, the dashboard page, and the HTTP API and the cluster client seeing and steering the same deployment.
/// </summary>
public sealed class ServeWebSpecs(ITestOutputHelper output) : IDisposable
{
    private const string WriteToken = "serve-write-token-0123456789";

    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_serve_node_answers_its_probes_and_the_dashboard_and_its_API_lists_and_approves_a_deployment_submitted_with_the_CLI()
    {
        await using var node = await ServeNode.StartAsync(
            output,
            "node",
            ["--data", folder.Path, "--fixtures", "deploy/simulator/example.json", "--clock-speed", "40"],
            environment: new Dictionary<string, string> { ["AMI_ORCHESTRATOR_Web__WriteToken"] = WriteToken });
        using var http = new HttpClient { BaseAddress = await node.HttpAddressAsync() };

        var healthz = await http.GetAsync("/healthz");
        var ready = await http.GetAsync("/ready");
        var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal(["cluster", "journal"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>AmiOrchestrator</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await new ClusterCli(output, node.Contact).SubmitAsync(TestSpecs.Write(folder, "gated.json", TestSpecs.Gated("serve-web")), "web-1");
        await Poll.UntilAsync(async () => await StatusAsync(http, "web-1") == "awaitingApproval", TimeSpan.FromSeconds(60), "the API to show the gate waiting");
        var withoutToken = await http.PostAsync("/api/deployments/web-1/approve", Json("""{ "by": "on-call" }"""));
        using var approve = new HttpRequestMessage(HttpMethod.Post, "/api/deployments/web-1/approve") { Content = Json("""{ "by": "on-call" }""") };
        approve.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WriteToken);
        var approved = await http.SendAsync(approve);
        await Poll.UntilAsync(async () => await StatusAsync(http, "web-1") == "succeeded", TimeSpan.FromSeconds(60), "the list to show the deployment succeeded");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var document = JsonDocument.Parse(await http.GetStringAsync("/api/deployments/web-1")).RootElement;
        Assert.Equal(TestSpecs.FirstGroup("serve-web"), document.GetProperty("timeline").GetProperty("summary").GetProperty("newAsg").GetString());
    }

    /// <summary>The deployment's status as the list (the read model) shows it, or null while it is not listed.</summary>
    private static async Task<string?> StatusAsync(HttpClient http, string deploymentId)
    {
        var page = JsonDocument.Parse(await http.GetStringAsync("/api/deployments?lineage=serve-web")).RootElement;
        return page.GetProperty("deployments").EnumerateArray()
            .Where(d => d.GetProperty("deploymentId").GetString() == deploymentId)
            .Select(d => d.GetProperty("status").GetString())
            .SingleOrDefault();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
