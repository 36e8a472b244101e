using System.Net;
using System.Text.Json.Nodes;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Health;

/// <summary>A node whose journal lives in a PostgreSQL server nobody runs: up as a process and as a cluster member, but not ready.</summary>
public sealed class UnreachableJournalSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task Ready_is_a_503_naming_the_journal_while_healthz_still_answers()
    {
        var nowhere = $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Database=journal;Timeout=1";
        await using var node = await WebNode.StartAsync(
            new TestOutput(output),
            new Dictionary<string, string?> { ["Web:WriteToken"] = WebNode.WriteToken, ["Web:ReadinessTimeout"] = "00:00:02" },
            new PersistenceOptions { PostgresConnectionString = nowhere });

        var ready = await node.Http.GetAsync("/ready");
        var health = await node.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!;
        Assert.Equal("Healthy", checks["cluster"]!["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", checks["journal"]!["status"]!.GetValue<string>());
        Assert.StartsWith("the journal's database", checks["journal"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
