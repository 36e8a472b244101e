using System.Net;
using System.Text.Json.Nodes;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Api;

/// <summary>
/// The write API: submissions and the four commands, each answered as the gateway answers a platform, with the
/// status codes a client acts on (202/200 taken, 400 bad input naming the field, 404 unknown id, 409 wrong state).
/// </summary>
public sealed class CommandSpecs : IClassFixture<NodeFixture>, IDisposable
{
    private readonly WebNode node;
    private readonly HttpClient writer;

    public CommandSpecs(NodeFixture fixture, ITestOutputHelper output)
    {
        fixture.Output.UseFor(output);
        node = fixture.Node;
        writer = node.Client(WebNode.WriteToken);
    }

    public void Dispose() => writer.Dispose();

    [Fact]
    public async Task A_submission_is_accepted_with_its_location_and_the_same_request_again_starts_nothing_new()
    {
        var first = await Requests.SubmitAsync(writer, "cmd-submit", Lineages.Basic("cmd-submit"));
        var again = await Requests.SubmitAsync(writer, "cmd-submit", Lineages.Basic("cmd-submit"));

        Assert.Equal("/api/deployments/cmd-submit", first.Headers.Location?.OriginalString);
        var accepted = await Requests.JsonAsync(first, HttpStatusCode.Accepted);
        Assert.Equal(("cmd-submit", "queued"), (accepted["deploymentId"]!.GetValue<string>(), accepted["status"]!.GetValue<string>()));
        Assert.Contains("already submitted", (await Requests.JsonAsync(again, HttpStatusCode.Accepted))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await AwaitStatusAsync("cmd-submit", "succeeded");
    }

    [Fact]
    public async Task A_spec_with_three_invalid_fields_is_a_400_naming_all_three_and_nothing_is_recorded()
    {
        const string body = """
            { "deploymentId": "cmd-invalid", "submittedBy": "tester", "spec": {
                "service": { "name": "web", "ami": { "id": "ami-0fedcba9876543210" } },
                "environment": { "name": "prod" },
                "infrastructure": { "id": "cmd-invalid", "region": "us-east-1", "baseAsg": "web-base" },
                "capacity": { "mode": "fixed", "min": "two", "desired": 4, "max": 8 },
                "strategy": { "type": "canery" },
                "rollbakOnFailure": true } }
            """;

        var errors = await Requests.ProblemAsync(await Requests.PostAsync(writer, "/api/deployments", body), HttpStatusCode.BadRequest);

        Assert.Equal(["spec.capacity.min", "spec.rollbakOnFailure", "spec.strategy.type"], errors.Keys.Order(StringComparer.Ordinal));
        await Requests.ProblemAsync(await node.Http.GetAsync("/api/deployments/cmd-invalid"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_read_model_rebuild_needs_the_write_token_and_who_asks()
    {
        const string path = "/api/read-model/rebuild";

        await Requests.ProblemAsync(await Requests.PostAsync(node.Http, path, """{ "by": "ops" }"""), HttpStatusCode.Unauthorized);
        var errors = await Requests.ProblemAsync(await Requests.PostAsync(writer, path, "{}"), HttpStatusCode.BadRequest);

        Assert.Equal(["by"], errors.Keys);
        Assert.Equal(["is required"], errors["by"]);
    }

    [Fact]
    public async Task A_submission_missing_its_id_submitter_and_spec_is_a_400_naming_each()
    {
        var errors = await Requests.ProblemAsync(await Requests.PostAsync(writer, "/api/deployments", "{}"), HttpStatusCode.BadRequest);

        Assert.Equal(["deploymentId", "spec", "submittedBy"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_holds_a_misspelt_member_is_a_400_naming_where()
    {
        var broken = await Requests.ProblemAsync(await Requests.PostAsync(writer, "/api/deployments/cmd-any/approve", "{ \"by\": "), HttpStatusCode.BadRequest);
        var misspelt = await Requests.ProblemAsync(await Requests.PostAsync(writer, "/api/deployments/cmd-any/abort", """{ "by": "ops", "reasn": "typo" }"""), HttpStatusCode.BadRequest);
        var wrongType = await Requests.ProblemAsync(await Requests.PostAsync(writer, "/api/deployments/cmd-any/approve", """{ "by": 7 }"""), HttpStatusCode.BadRequest);

        Assert.Contains("is not valid JSON", Assert.Single(broken.Values.SelectMany(m => m)), StringComparison.Ordinal);
        Assert.Equal("is not a member of this request (check the spelling)", Assert.Single(misspelt["reasn"]));
        Assert.Equal("has the wrong type (strings are quoted, numbers are not)", Assert.Single(wrongType["by"]));
    }

    [Fact]
    public async Task The_same_id_with_another_spec_is_a_409()
    {
        await Requests.JsonAsync(await Requests.SubmitAsync(writer, "cmd-reuse", Lineages.Basic("cmd-reuse")), HttpStatusCode.Accepted);

        var errors = await Requests.ProblemAsync(await Requests.SubmitAsync(writer, "cmd-reuse", Lineages.GatedCanary("cmd-reuse")), HttpStatusCode.Conflict);

        Assert.Contains("already used by a different spec", Assert.Single(errors["status"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_lets_a_gated_canary_past_its_gate_and_it_succeeds()
    {
        await SubmitGatedAsync("cmd-approve");

        var approved = await Requests.JsonAsync(await Command("cmd-approve", "approve", """{ "by": "alice" }"""), HttpStatusCode.OK);

        Assert.Equal("approved", approved["message"]!.GetValue<string>());
        await AwaitStatusAsync("cmd-approve", "succeeded");
    }

    [Fact]
    public async Task Reject_refuses_the_gate_and_the_canary_rolls_back()
    {
        await SubmitGatedAsync("cmd-reject");

        await Requests.JsonAsync(await Command("cmd-reject", "reject", """{ "by": "alice", "reason": "error rate up" }"""), HttpStatusCode.OK);

        var deployment = await AwaitStatusAsync("cmd-reject", "rolledBack");
        Assert.Contains("rejected by alice: error rate up", deployment["view"]!["failureReason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_at_the_gate_rolls_the_canary_back()
    {
        await SubmitGatedAsync("cmd-rollback");

        await Requests.JsonAsync(await Command("cmd-rollback", "rollback", """{ "by": "bob", "reason": "latency" }"""), HttpStatusCode.OK);

        await AwaitStatusAsync("cmd-rollback", "rolledBack");
    }

    [Fact]
    public async Task Abort_stops_the_canary_and_leaves_it_aborted()
    {
        await SubmitGatedAsync("cmd-abort");

        await Requests.JsonAsync(await Command("cmd-abort", "abort", """{ "by": "bob", "reason": "wrong AMI" }"""), HttpStatusCode.OK);

        var deployment = await AwaitStatusAsync("cmd-abort", "aborted");
        Assert.Equal("aborted by bob: wrong AMI", deployment["view"]!["failureReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Commands_in_the_wrong_state_are_409s_with_the_engines_reason()
    {
        await Requests.JsonAsync(await Requests.SubmitAsync(writer, "cmd-ended", Lineages.Basic("cmd-ended")), HttpStatusCode.Accepted);
        await AwaitStatusAsync("cmd-ended", "succeeded");

        var approve = await Requests.ProblemAsync(await Command("cmd-ended", "approve", """{ "by": "alice" }"""), HttpStatusCode.Conflict);
        var reject = await Requests.ProblemAsync(await Command("cmd-ended", "reject", """{ "by": "alice", "reason": "late" }"""), HttpStatusCode.Conflict);
        var rollback = await Requests.ProblemAsync(await Command("cmd-ended", "rollback", """{ "by": "bob", "reason": "late" }"""), HttpStatusCode.Conflict);
        var abort = await Requests.ProblemAsync(await Command("cmd-ended", "abort", """{ "by": "bob", "reason": "late" }"""), HttpStatusCode.Conflict);

        Assert.Equal("the deployment is Succeeded, not awaiting approval", Assert.Single(approve["status"]));
        Assert.Equal("the deployment is Succeeded, not awaiting approval", Assert.Single(reject["status"]));
        Assert.Contains("has ended (Succeeded)", Assert.Single(rollback["status"]), StringComparison.Ordinal);
        Assert.Contains("has ended (Succeeded)", Assert.Single(abort["status"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_naming_another_gate_is_a_409()
    {
        await SubmitGatedAsync("cmd-gate");

        var errors = await Requests.ProblemAsync(await Command("cmd-gate", "approve", """{ "by": "alice", "gateStepId": "cmd-gate/phase-9/approval/gate" }"""), HttpStatusCode.Conflict);

        Assert.Contains("is not the one waiting", Assert.Single(errors["status"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approve", """{ "by": "alice" }""")]
    [InlineData("reject", """{ "by": "alice", "reason": "no" }""")]
    [InlineData("rollback", """{ "by": "alice", "reason": "no" }""")]
    [InlineData("abort", """{ "by": "alice", "reason": "no" }""")]
    public async Task Commands_for_an_unknown_id_are_404s_and_for_a_malformed_id_400s(string verb, string body)
    {
        var unknown = await Requests.ProblemAsync(await Command("nobody-submitted-this", verb, body), HttpStatusCode.NotFound);
        var malformed = await Requests.ProblemAsync(await Command("bad!id", verb, body), HttpStatusCode.BadRequest);

        Assert.Equal("no deployment has the id 'nobody-submitted-this'", Assert.Single(unknown["deploymentId"]));
        Assert.Contains("must be 1-64 characters", Assert.Single(malformed["deploymentId"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approve", "{}", new[] { "by" })]
    [InlineData("reject", """{ "by": " " }""", new[] { "by", "reason" })]
    [InlineData("rollback", """{ "by": "alice" }""", new[] { "reason" })]
    [InlineData("abort", """{ "reason": "why" }""", new[] { "by" })]
    public async Task Commands_without_who_or_why_are_400s_naming_what_is_missing(string verb, string body, string[] missing)
    {
        var errors = await Requests.ProblemAsync(await Command("cmd-any", verb, body), HttpStatusCode.BadRequest);

        Assert.Equal(missing, errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.Equal("is required", Assert.Single(messages)));
    }

    private Task<HttpResponseMessage> Command(string deploymentId, string verb, string body) =>
        Requests.PostAsync(writer, $"/api/deployments/{deploymentId}/{verb}", body);

    private async Task SubmitGatedAsync(string deploymentId)
    {
        await Requests.JsonAsync(await Requests.SubmitAsync(writer, deploymentId, Lineages.GatedCanary(deploymentId)), HttpStatusCode.Accepted);
        await AwaitStatusAsync(deploymentId, "awaitingApproval");
    }

    /// <summary>Polls the deployment's live view until it reports <paramref name="status"/>, and returns the deployment.</summary>
    private async Task<JsonNode> AwaitStatusAsync(string deploymentId, string status)
    {
        JsonNode? deployment = null;
        await Poll.UntilAsync(
            async () =>
            {
                deployment = await Requests.GetAsync(node.Http, $"/api/deployments/{deploymentId}");
                return deployment["view"]!["status"]!.GetValue<string>() == status;
            },
            TimeSpan.FromSeconds(60),
            $"{deploymentId} to be {status}");
        return deployment!;
    }
}
