using System.Text.Json.Nodes;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint and the OpenAPI document.</summary>
public sealed class MetricsAndDocumentSpecs : IClassFixture<NodeFixture>
{
    private readonly WebNode node;

    public MetricsAndDocumentSpecs(NodeFixture fixture, ITestOutputHelper output)
    {
        fixture.Output.UseFor(output);
        node = fixture.Node;
    }

    [Fact]
    public async Task The_scrape_endpoint_carries_the_engines_meter_aspnet_core_and_the_runtime()
    {
        // The projection's gauges are observed on each scrape; an API request makes ASP.NET Core's histogram show up.
        await node.Http.GetAsync("/api/deployments");

        var metrics = await node.Http.GetStringAsync("/metrics");

        Assert.Contains("ami_orchestrator_projection_lag", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_with_the_bearer_scheme()
    {
        var document = JsonNode.Parse(await node.Http.GetStringAsync("/openapi/v1.json"))!;

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "GET /api/deployments",
                "GET /api/deployments/{deploymentId}",
                "GET /api/deployments/{deploymentId}/events",
                "GET /api/events/deployments",
                "GET /api/lineages/{lineageId}",
                "GET /api/read-model",
                "POST /api/deployments",
                "POST /api/deployments/{deploymentId}/abort",
                "POST /api/deployments/{deploymentId}/approve",
                "POST /api/deployments/{deploymentId}/reject",
                "POST /api/deployments/{deploymentId}/rollback",
                "POST /api/read-model/rebuild",
            ],
            operations);
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
        var list = document["paths"]!["/api/deployments"]!["get"]!;
        var parameters = list["parameters"]!.AsArray();
        Assert.Equal(
            ["cursor", "limit", "lineage", "service", "status", "submittedBefore", "submittedFrom"],
            parameters.Select(p => p!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(parameters, p => Assert.False(string.IsNullOrEmpty(p!["description"]?.GetValue<string>())));
    }

    [Fact]
    public async Task The_openapi_document_writes_lists_as_arrays_of_their_items_and_enums_as_their_names()
    {
        var document = JsonNode.Parse(await node.Http.GetStringAsync("/openapi/v1.json"))!;

        var schemas = document["components"]!["schemas"]!;
        var deployments = Resolve(schemas, schemas["DeploymentPage"]!["properties"]!["deployments"]!);
        var status = Resolve(schemas, schemas["DeploymentSummary"]!["properties"]!["status"]!);

        Assert.Equal("array", deployments["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/DeploymentSummary", deployments["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("string", status["type"]!.GetValue<string>());
        Assert.Contains("awaitingApproval", status["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    /// <summary>A schema, or the one its <c>$ref</c> names.</summary>
    private static JsonNode Resolve(JsonNode schemas, JsonNode schema) =>
        schema["$ref"] is { } reference ? schemas[reference.GetValue<string>()["#/components/schemas/".Length..]]! : schema;
}
