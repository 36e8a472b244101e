using System.Net;
using System.Text.Json.Nodes;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.TestSupport.Cloud;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Live;

/// <summary>
/// The server-sent event streams, read as a browser reads them: each starts with a snapshot, follows the changes, and
/// a client that reconnects starts again from the current state.
/// </summary>
public sealed class LiveStreamSpecs : IClassFixture<LiveStreamSpecs.FastHeartbeat>, IDisposable
{
    private readonly WebNode node;
    private readonly HttpClient writer;

    public LiveStreamSpecs(FastHeartbeat fixture, ITestOutputHelper output)
    {
        fixture.Output.UseFor(output);
        node = fixture.Node;
        writer = node.Client(WebNode.WriteToken);
    }

    public void Dispose() => writer.Dispose();

    [Fact]
    public async Task A_deployment_stream_follows_the_views_and_the_timeline_to_the_end()
    {
        await Submit("live-basic", Lineages.Basic("live-basic"));
        await using var stream = await EventStream.OpenAsync(node.Http, "/api/deployments/live-basic/events");

        var end = await stream.NextAsync("view", view => view["hasEnded"]!.GetValue<bool>());
        var timeline = await stream.NextAsync("timeline", t => t["summary"]!["status"]!.GetValue<string>() == "succeeded");

        Assert.Equal("succeeded", end["status"]!.GetValue<string>());
        var versions = stream.SeenData("view").Select(v => v["version"]!.GetValue<long>()).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(end["version"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), stream.Seen.Last(e => e.EventType == "view").EventId);
        Assert.Contains(timeline["steps"]!.AsArray(), s => s!["action"]!.GetValue<string>() == "wait-steady");
        Assert.Equal(4, timeline["capacity"]![0]!["points"]!.AsArray()[^1]!["desiredCapacity"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_stream_shows_the_phase_advance_after_an_approval_and_a_reconnect_starts_from_the_current_state()
    {
        await Submit("live-gated", Lineages.GatedCanary("live-gated"));
        await using (var first = await EventStream.OpenAsync(node.Http, "/api/deployments/live-gated/events"))
        {
            var waiting = await first.NextAsync("view", view => view["status"]!.GetValue<string>() == "awaitingApproval");

            Assert.Equal(1, waiting["phase"]!.GetValue<int>());
            await Requests.JsonAsync(await Requests.PostAsync(writer, "/api/deployments/live-gated/approve", """{ "by": "alice" }"""), HttpStatusCode.OK);
            var advanced = await first.NextAsync("view", view => view["phase"]!.GetValue<int>() == 2);
            Assert.Equal("deploying", advanced["status"]!.GetValue<string>());
        }
        await Poll(async () => (await Requests.GetAsync(node.Http, "/api/deployments/live-gated"))["view"]!["hasEnded"]!.GetValue<bool>());

        await using var again = await EventStream.OpenAsync(node.Http, "/api/deployments/live-gated/events", lastEventId: "3");

        var snapshot = await again.NextAsync("view");
        Assert.Equal(("succeeded", 2), (snapshot["status"]!.GetValue<string>(), snapshot["phase"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_stream_that_saw_a_failure_follows_a_rollback_requested_afterwards()
    {
        var broken = Lineages.Basic("live-failed") with
        {
            Service = Lineages.Basic("live-failed").Service with { Ami = new AmiSpec { Id = WebRegion.BrokenImage } },
            Timeouts = WebSpecs.Basic().Timeouts with { SteadyState = Domain.Common.Duration.FromMinutes(1) },
            RollbackOnFailure = false,
        };
        await Submit("live-failed", broken);
        await using var stream = await EventStream.OpenAsync(node.Http, "/api/deployments/live-failed/events");
        await stream.NextAsync("view", view => view["status"]!.GetValue<string>() == "failed");

        await Requests.JsonAsync(await Requests.PostAsync(writer, "/api/deployments/live-failed/rollback", """{ "by": "bob", "reason": "clean up" }"""), HttpStatusCode.OK);

        var rolledBack = await stream.NextAsync("view", view => view["status"]!.GetValue<string>() == "rolledBack");
        Assert.True(rolledBack["hasEnded"]!.GetValue<bool>());
        Assert.Contains(stream.SeenData("view"), view => view["status"]!.GetValue<string>() == "rollingBack");
    }

    [Fact]
    public async Task A_list_stream_sends_its_page_at_once_and_again_whenever_a_deployment_on_it_changes()
    {
        await using var stream = await EventStream.OpenAsync(node.Http, "/api/events/deployments?lineage=live-list");
        var empty = await stream.NextAsync("page");

        await Submit("live-list", Lineages.Basic("live-list"));

        var done = await stream.NextAsync("page", page => Statuses(page).SequenceEqual(["succeeded"]));
        Assert.Empty(empty["deployments"]!.AsArray());
        var statuses = stream.SeenData("page").SelectMany(Statuses).Distinct().ToList();
        Assert.True(statuses.Count >= 2, $"the page should have changed on the way, but showed only {string.Join(", ", statuses)}");
        Assert.Equal("live-list", done["deployments"]![0]!["deploymentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_idle_stream_sends_heartbeats()
    {
        await using var stream = await EventStream.OpenAsync(node.Http, "/api/events/deployments?lineage=live-idle");

        await stream.NextAsync("heartbeat");
        await stream.NextAsync("heartbeat");

        Assert.Single(stream.SeenData("page"));
    }

    [Fact]
    public async Task A_stream_for_an_unknown_or_malformed_id_or_with_a_bad_filter_is_refused_before_it_starts()
    {
        var unknown = await Requests.ProblemAsync(await node.Http.GetAsync("/api/deployments/nobody-submitted-this/events"), HttpStatusCode.NotFound);
        var malformed = await Requests.ProblemAsync(await node.Http.GetAsync("/api/deployments/bad!id/events"), HttpStatusCode.BadRequest);
        var filter = await Requests.ProblemAsync(await node.Http.GetAsync("/api/events/deployments?status=sleeping"), HttpStatusCode.BadRequest);

        Assert.Equal("no deployment has the id 'nobody-submitted-this'", Assert.Single(unknown["deploymentId"]));
        Assert.Single(malformed["deploymentId"]);
        Assert.Contains("'sleeping' is not one of", Assert.Single(filter["status"]), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Statuses(JsonNode page) => page["deployments"]!.AsArray().Select(d => d!["status"]!.GetValue<string>());

    private static Task Poll(Func<Task<bool>> condition) => TestSupport.Poll.UntilAsync(condition, TimeSpan.FromSeconds(60));

    private async Task Submit(string id, DeploymentSpec spec) =>
        await Requests.JsonAsync(await Requests.SubmitAsync(writer, id, spec), HttpStatusCode.Accepted);

    public sealed class FastHeartbeat : NodeFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Web:WriteToken"] = WebNode.WriteToken,
            ["Web:HeartbeatInterval"] = "00:00:00.300",
        };
    }
}
