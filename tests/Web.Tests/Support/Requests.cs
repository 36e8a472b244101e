using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Web.Tests.Support;

/// <summary>Requests as a client writes them by hand, and answers read back as plain JSON, so a test sees the wire format itself.</summary>
internal static class Requests
{
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string deploymentId, DeploymentSpec spec, string by = "tester") =>
        PostAsync(client, "/api/deployments", $$"""{ "deploymentId": "{{deploymentId}}", "submittedBy": "{{by}}", "spec": {{Lineages.Json(spec)}} }""");

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        return JsonNode.Parse(body) ?? throw new InvalidOperationException("the body is JSON null");
    }

    public static async Task<JsonNode> GetAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await JsonAsync(await client.GetAsync(path), expected);

    /// <summary>The problem's <c>errors</c> map as field -> messages (every problem answer carries one).</summary>
    public static async Task<Dictionary<string, string[]>> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response, expected);
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        return problem["errors"].Deserialize<Dictionary<string, string[]>>()!;
    }
}
