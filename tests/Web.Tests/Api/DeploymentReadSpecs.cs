using System.Net;
using System.Text.Json.Nodes;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Api;

/// <summary>
/// The read API over a node that has run three deployments: two that succeeded (services <c>web</c> and <c>api</c>)
/// and a gated canary waiting for its approval, submitted in that order.
/// </summary>
public sealed class DeploymentReadSpecs : IClassFixture<DeploymentReadSpecs.ThreeDeployments>
{
    private readonly WebNode node;

    public DeploymentReadSpecs(ThreeDeployments fixture, ITestOutputHelper output)
    {
        fixture.Output.UseFor(output);
        node = fixture.Node;
    }

    [Fact]
    public async Task The_list_holds_every_deployment_newest_submission_first()
    {
        var page = await Requests.GetAsync(node.Http, "/api/deployments");

        Assert.Equal(["read-c", "read-b", "read-a"], Ids(page));
        Assert.Null(page["nextCursor"]);
    }

    [Fact]
    public async Task The_list_pages_with_the_cursor_of_the_page_before_until_the_last_page()
    {
        var first = await Requests.GetAsync(node.Http, "/api/deployments?limit=2");
        var second = await Requests.GetAsync(node.Http, $"/api/deployments?limit=2&cursor={first["nextCursor"]}");

        Assert.Equal(["read-c", "read-b"], Ids(first));
        Assert.Equal(["read-a"], Ids(second));
        Assert.Null(second["nextCursor"]);
    }

    [Theory]
    [InlineData("status=succeeded", new[] { "read-b", "read-a" })]
    [InlineData("status=awaitingApproval", new[] { "read-c" })]
    [InlineData("status=failed&status=awaitingApproval", new[] { "read-c" })]
    [InlineData("status=succeeded,awaitingApproval&service=web", new[] { "read-c", "read-a" })]
    [InlineData("service=api", new[] { "read-b" })]
    [InlineData("lineage=read-gated", new[] { "read-c" })]
    [InlineData("status=rolledBack", new string[0])]
    public async Task The_list_filters_by_status_service_and_lineage(string filter, string[] expected)
    {
        var page = await Requests.GetAsync(node.Http, "/api/deployments?" + filter);

        Assert.Equal(expected, Ids(page));
    }

    [Fact]
    public async Task The_list_filters_by_submission_time_from_inclusive_to_before_exclusive()
    {
        var all = (await Requests.GetAsync(node.Http, "/api/deployments"))["deployments"]!.AsArray();
        var b = Uri.EscapeDataString(all[1]!["submittedAt"]!.GetValue<string>());

        var from = await Requests.GetAsync(node.Http, $"/api/deployments?submittedFrom={b}");
        var before = await Requests.GetAsync(node.Http, $"/api/deployments?submittedBefore={b}");

        Assert.Equal(["read-c", "read-b"], Ids(from));
        Assert.Equal(["read-a"], Ids(before));
    }

    [Fact]
    public async Task A_bad_filter_is_a_400_naming_every_parameter_at_fault()
    {
        var response = await node.Http.GetAsync("/api/deployments?status=done&limit=lots&submittedFrom=yesterday&staus=failed&cursor=not-a-cursor");

        var errors = await Requests.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["cursor", "limit", "status", "staus", "submittedFrom"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'done' is not one of", errors["status"][0], StringComparison.Ordinal);
        Assert.Contains("is not a parameter of the deployment list", errors["staus"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_out_of_range_and_a_cursor_of_other_filters_are_400s()
    {
        var first = await Requests.GetAsync(node.Http, "/api/deployments?limit=1&service=web");

        var limit = await Requests.ProblemAsync(await node.Http.GetAsync("/api/deployments?limit=0"), HttpStatusCode.BadRequest);
        var cursor = await Requests.ProblemAsync(await node.Http.GetAsync($"/api/deployments?service=api&cursor={first["nextCursor"]}"), HttpStatusCode.BadRequest);

        Assert.Equal("must be between 1 and 500 (is 0)", Assert.Single(limit["limit"]));
        Assert.Contains("was issued for other filters", Assert.Single(cursor["cursor"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_deployment_has_its_live_view_and_its_timeline_with_steps_timings_and_capacities()
    {
        var deployment = await Requests.GetAsync(node.Http, "/api/deployments/read-a");

        var view = deployment["view"]!;
        Assert.Equal("succeeded", view["status"]!.GetValue<string>());
        Assert.Equal("read__web__1", view["newGroup"]!["name"]!.GetValue<string>());
        Assert.Equal(4, view["newGroup"]!["desiredCapacity"]!.GetValue<int>());
        var timeline = deployment["timeline"]!;
        Assert.Equal("succeeded", timeline["summary"]!["status"]!.GetValue<string>());
        var steps = timeline["steps"]!.AsArray();
        Assert.Contains(steps, s => s!["action"]!.GetValue<string>() == "create-asg");
        Assert.All(steps, s => Assert.Equal("succeeded", s!["outcome"]!.GetValue<string>()));
        Assert.All(steps, s => Assert.NotNull(s!["duration"]));
        var series = Assert.Single(timeline["capacity"]!.AsArray())!;
        Assert.Equal(("read__web__1", "new"), (series["group"]!.GetValue<string>(), series["role"]!.GetValue<string>()));
        Assert.Equal(4, series["points"]!.AsArray()[^1]!["desiredCapacity"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_gated_canary_reports_its_phase_and_the_gate_it_waits_at()
    {
        var view = (await Requests.GetAsync(node.Http, "/api/deployments/read-c"))["view"]!;

        Assert.Equal("awaitingApproval", view["status"]!.GetValue<string>());
        Assert.Equal((1, 2), (view["phase"]!.GetValue<int>(), view["phases"]!.GetValue<int>()));
        Assert.Equal("approval", view["currentAction"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_and_a_malformed_one_a_400_each_naming_the_id()
    {
        var unknown = await Requests.ProblemAsync(await node.Http.GetAsync("/api/deployments/nobody-submitted-this"), HttpStatusCode.NotFound);
        var malformed = await Requests.ProblemAsync(await node.Http.GetAsync("/api/deployments/-starts-with-a-dash"), HttpStatusCode.BadRequest);

        Assert.Equal("no deployment has the id 'nobody-submitted-this'", Assert.Single(unknown["deploymentId"]));
        Assert.Contains("must be 1-64 characters", Assert.Single(malformed["deploymentId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lineage_lists_its_groups_with_their_changes_and_an_unknown_one_is_a_404()
    {
        var lineage = await Requests.GetAsync(node.Http, "/api/lineages/read-web");
        var unknown = await Requests.ProblemAsync(await node.Http.GetAsync("/api/lineages/no-such-lineage"), HttpStatusCode.NotFound);

        var group = Assert.Single(lineage["groups"]!.AsArray())!;
        Assert.Equal(("read__web__1", 1, "read-a"), (group["name"]!.GetValue<string>(), group["revision"]!.GetValue<int>(), group["lastDeploymentId"]!.GetValue<string>()));
        Assert.Contains(group["changes"]!.AsArray(), c => c!["kind"]!.GetValue<string>() == "created");
        Assert.Contains("lineage 'no-such-lineage'", Assert.Single(unknown["lineageId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_read_model_reports_its_offset_and_lag()
    {
        var status = await Requests.GetAsync(node.Http, "/api/read-model");

        Assert.True(status["projectedOffset"]!.GetValue<long>() > 0);
        Assert.Equal(0, status["lag"]!.GetValue<long>());
    }

    private static string[] Ids(JsonNode page) => [.. page["deployments"]!.AsArray().Select(d => d!["deploymentId"]!.GetValue<string>())];

    /// <summary>The node, once the read model shows its three deployments where they stop.</summary>
    public sealed class ThreeDeployments : NodeFixture
    {
        protected override async Task PrepareAsync()
        {
            using var writer = Node.Client(WebNode.WriteToken);
            var api = Lineages.Basic("read-api") with { Service = Lineages.Basic("read-api").Service with { Name = "api" } };
            foreach (var (id, spec) in new[] { ("read-a", Lineages.Basic("read-web")), ("read-b", api), ("read-c", Lineages.GatedCanary("read-gated")) })
                await Requests.JsonAsync(await Requests.SubmitAsync(writer, id, spec), HttpStatusCode.Accepted);
            await Poll.UntilAsync(
                async () =>
                {
                    var page = await Requests.GetAsync(Node.Http, "/api/deployments");
                    var statuses = page["deployments"]!.AsArray().Select(d => d!["status"]!.GetValue<string>()).ToList();
                    return statuses.SequenceEqual(["awaitingApproval", "succeeded", "succeeded"]);
                },
                TimeSpan.FromSeconds(60),
                "the three deployments to reach where they stop");
        }
    }
}
