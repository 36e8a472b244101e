using System.Text.Json;
using AmiOrchestrator.Orchestrator.Tests.Support;
using AmiOrchestrator.TestSupport;
using Microsoft.Data.Sqlite;

namespace AmiOrchestrator.Orchestrator.Tests;

/// <summary>The README's main job, <c>run</c>, as a newcomer types it: a real process, an embedded node, a simulated region.</summary>
public sealed class RunSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Run_serves_the_dashboard_while_it_runs_and_a_gate_approved_through_its_API_lets_it_finish()
    {
        const string writeToken = "run-write-token-0123456789";
        var spec = TestSpecs.Write(folder, "gated.json", TestSpecs.Gated("run-web"));
        await using var run = OrchestratorProcess.Start(
            output, "run", ["run", spec, "--id", "run-web-1", "--data", folder.Path, "--clock-speed", "40"],
            new Dictionary<string, string> { ["AMI_ORCHESTRATOR_Web__WriteToken"] = writeToken });
        var line = await run.WaitForLineAsync(l => l.StartsWith("Dashboard: ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "to print the dashboard's address");
        using var http = new HttpClient { BaseAddress = new Uri(line.Split(' ')[1]) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", writeToken);

        // Asked once the live view shows the gate, so the API is not asked about the id while it is being submitted.
        await run.WaitForLineAsync(l => l.Contains(" awaitingApproval ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "to wait at the gate");
        var page = await http.GetAsync("/");
        var document = JsonDocument.Parse(await http.GetStringAsync("/api/deployments/run-web-1")).RootElement;
        Assert.Equal("awaitingApproval", document.GetProperty("view").GetProperty("status").GetString());
        var approved = await http.PostAsync("/api/deployments/run-web-1/approve", new StringContent("""{ "by": "on-call" }""", System.Text.Encoding.UTF8, "application/json"));
        await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, approved.StatusCode);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {string.Join('\n', run.Errors)}");
        Assert.Matches(@"ended succeeded", run.Output[^1]);
    }

    [Fact]
    public async Task Run_of_the_canary_example_with_approvals_answered_ends_succeeded_and_prints_the_lineage_table()
    {
        await using var run = await OrchestratorProcess.RunAsync(
            output, "run", ["run", "deploy/examples/canary.json", "--approve", "--data", folder.Path, "--clock-speed", "40"], TimeSpan.FromMinutes(2));

        var text = string.Join('\n', run.Output);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {string.Join('\n', run.Errors)}");
        Assert.Contains("approved ", text, StringComparison.Ordinal);
        Assert.Contains("lineage checkout-prod", text, StringComparison.Ordinal);
        Assert.Matches(@"│ checkout__prod__3 +│ 3 +│ new +│ 2 +│ 2 +│ 4 +│ kept", text);
        Assert.Matches(@"│ checkout-prod-r2 +│ 2 +│ previous +│ 0 +│ 0 +│ 4 +│ kept", text);
        Assert.Matches(@"ended succeeded", run.Output[^1]);
    }

    [Fact]
    public async Task A_spec_with_three_invalid_fields_prints_all_three_and_exits_2_with_nothing_persisted_for_it()
    {
        var spec = TestSpecs.Write(folder, "invalid.json", """
            { "service": { "name": "web", "ami": { "id": "ami-0fedcba9876543210" } },
              "environment": { "name": "prod" },
              "infrastructure": { "id": "web-prod", "region": "us-east-1", "baseAsg": "web-base" },
              "capacity": { "mode": "fixed", "min": "two", "desired": 4, "max": 8 },
              "strategy": { "type": "canery" },
              "rollbakOnFailure": true }
            """);

        await using var run = await OrchestratorProcess.RunAsync(output, "run", ["run", spec, "--id", "invalid-1", "--data", folder.Path], TimeSpan.FromMinutes(1));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(run.Errors, line => line.Contains("capacity.min: must be a whole number", StringComparison.Ordinal));
        Assert.Contains(run.Errors, line => line.Contains("strategy.type: 'canery' is not one of", StringComparison.Ordinal));
        Assert.Contains(run.Errors, line => line.Contains("rollbakOnFailure: is not a field of the spec", StringComparison.Ordinal));
        using var database = new SqliteConnection($"Data Source={folder.File("demo.db")};Mode=ReadOnly");
        database.Open();
        using var rows = database.CreateCommand();
        rows.CommandText = "SELECT COUNT(*) FROM journal WHERE persistence_id IN ('deployment-invalid-1', 'lineage-web-prod')";
        Assert.Equal(0L, (long)rows.ExecuteScalar()!);
    }

    [Fact]
    public async Task Run_against_a_simulator_process_deploys_there_prints_its_end_as_json_and_the_AWS_CLI_sees_the_groups()
    {
        var endpoint = $"http://127.0.0.1:{FreePort.Next()}";
        await using var simulator = await OrchestratorProcess.StartSimulatorAsync(output, endpoint, "40");

        await using var run = await OrchestratorProcess.RunAsync(
            output,
            "run",
            ["run", "deploy/examples/basic.json", "--cloud-endpoint", endpoint, "--clock-speed", "40", "--id", "basic-1", "--data", folder.Path, "--output", "json"],
            TimeSpan.FromMinutes(2),
            AwsCli.Environment(endpoint));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {string.Join('\n', run.Errors)}");
        var result = JsonDocument.Parse(Assert.Single(run.Output)).RootElement;
        Assert.Equal(
            ("basic-1", "succeeded", "checkout__prod__3", "checkout-prod-r2", JsonValueKind.Null),
            (result.GetProperty("id").GetString(), result.GetProperty("status").GetString(), result.GetProperty("newAsg").GetString(),
                result.GetProperty("previousAsg").GetString(), result.GetProperty("failureReason").ValueKind));
        Assert.Contains(run.Errors, line => line.Contains("lineage checkout-prod", StringComparison.Ordinal));
        var groups = (await AwsCli.JsonAsync(endpoint, "autoscaling", "describe-auto-scaling-groups", "--filters", "Name=tag:ami-orchestrator:lineage,Values=checkout-prod"))
            .GetProperty("AutoScalingGroups").EnumerateArray().ToDictionary(g => g.GetProperty("AutoScalingGroupName").GetString()!);
        var created = groups["checkout__prod__3"];
        Assert.Equal((2, 4, 8), (created.GetProperty("MinSize").GetInt32(), created.GetProperty("DesiredCapacity").GetInt32(), created.GetProperty("MaxSize").GetInt32()));
        Assert.Equal(4, created.GetProperty("Instances").EnumerateArray().Count(i => i.GetProperty("LifecycleState").GetString() == "InService"));
        Assert.Equal((0, 0), (groups["checkout-prod-r2"].GetProperty("MinSize").GetInt32(), groups["checkout-prod-r2"].GetProperty("DesiredCapacity").GetInt32()));
    }

    [Fact]
    public async Task Run_against_an_endpoint_nobody_serves_exits_10_naming_it()
    {
        var endpoint = $"http://127.0.0.1:{FreePort.Next()}";

        await using var run = await OrchestratorProcess.RunAsync(
            output, "run", ["run", "deploy/examples/basic.json", "--cloud-endpoint", endpoint, "--data", folder.Path], TimeSpan.FromMinutes(1), AwsCli.Environment(endpoint));

        Assert.Equal(10, run.ExitCode);
        Assert.Contains(run.Errors, line => line.StartsWith($"could not reach the cloud at {endpoint}/", StringComparison.Ordinal));
    }
}
