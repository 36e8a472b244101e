using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AmiOrchestrator.Orchestrator.Tests.Support;
using AmiOrchestrator.TestSupport;
using Microsoft.Data.Sqlite;

namespace AmiOrchestrator.Orchestrator.Tests;

/// <summary>
/// The read model's projection in a real <c>serve</c> process killed with SIGKILL while a burst of deployments is being
/// projected, and started again on the same SQLite file. A simulator process serves the region (it outlives the node),
/// its clock and the node's at 20x; the deployments are submitted over the HTTP API.
/// </summary>
public sealed class ProjectionCrashSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Speed = "20";
    private const string WriteToken = "projection-write-token-0123456789";
    private const int Deployments = 12;

    /// <summary>The tables the projection writes (its offset row aside, which holds a commit time).</summary>
    private static readonly string[] RowTables = ["deployment_summary", "deployment_warning", "deployment_step", "lineage_group", "lineage_group_change"];

    private readonly TestFolder folder = new();
    private readonly string endpoint = $"http://127.0.0.1:{FreePort.Next()}";
    private OrchestratorProcess simulator = null!;

    private string Database => folder.File("ami-orchestrator.db");

    public async Task InitializeAsync() => simulator = await OrchestratorProcess.StartSimulatorAsync(output, endpoint, Speed);

    public async Task DisposeAsync()
    {
        await simulator.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_node_killed_while_it_projects_a_burst_leaves_no_row_missing_or_doubled_and_a_rebuild_from_scratch_gives_the_same_tables()
    {
        var port = FreePort.Next();
        string[] serve = ["--data", folder.Path, "--cloud-endpoint", endpoint, "--clock-speed", Speed];
        var environment = new Dictionary<string, string>(AwsCli.Environment(endpoint)) { ["AMI_ORCHESTRATOR_Web__WriteToken"] = WriteToken };
        var ids = Enumerable.Range(1, Deployments).Select(i => $"burst-{i}").ToList();
        var underLoad = new List<ReadModelStatus>();

        await using (var node = await ServeNode.StartAsync(output, "node", serve, port, environment))
        {
            using var http = Client(await node.HttpAddressAsync());
            var load = Stopwatch.StartNew();
            // Submitted at once, so that the deployments' events arrive at the projection as a burst.
            await Task.WhenAll(ids.Select(id => SubmitAsync(http, id, TestSpecs.Basic("projection-" + id))));
            var submitted = load.Elapsed;
            // Killed while the deployments run, so events keep arriving as it dies; preferably with a batch not yet committed.
            var sinceListed = 0;
            await Poll.UntilAsync(
                async () =>
                {
                    var status = await StatusAsync(http);
                    underLoad.Add(status);
                    var statuses = await ListedStatusesAsync(http);
                    if (statuses.Count < Deployments)
                        return false;
                    Assert.True(statuses.Values.Count(s => s == "succeeded") < Deployments / 2, "most deployments still run when the node is killed");
                    return status.Lag > 0 || ++sinceListed == 50;
                },
                TimeSpan.FromSeconds(60),
                "the read model to list every deployment");
            node.Process.Kill();
            output.WriteLine(
                $"Projection under load: {Deployments} deployments submitted at once over HTTP (accepted within {submitted.TotalSeconds:0.0} s, clock {Speed}x); " +
                $"{underLoad.Count} status reads until the SIGKILL, lag at most {underLoad.Max(s => s.Lag)} journal events, " +
                $"at the SIGKILL {underLoad[^1].Lag} behind (offset {underLoad[^1].ProjectedOffset} of {underLoad[^1].HeadOffset})");
        }

        await using var restarted = await ServeNode.StartAsync(output, "node-again", serve, port, environment);
        using var client = Client(await restarted.HttpAddressAsync());
        var restart = Stopwatch.StartNew();
        var afterRestart = new List<ReadModelStatus>();
        await Poll.UntilAsync(
            async () =>
            {
                var status = await StatusAsync(client);
                afterRestart.Add(status);
                return (await ListedStatusesAsync(client)).Values.Count(s => s == "succeeded") == Deployments && status.Lag == 0;
            },
            TimeSpan.FromMinutes(3),
            "every deployment to succeed and the read model to catch up");
        output.WriteLine(
            $"After the restart: lag at most {afterRestart.Max(s => s.Lag)} journal events over {afterRestart.Count} status reads; " +
            $"every deployment succeeded and the read model caught up {restart.Elapsed.TotalSeconds:0.0} s after the node was up");

        AssertRowsMatchTheJournal(ids);
        var afterCrash = Tables();

        using var rebuild = new HttpRequestMessage(HttpMethod.Post, "/api/read-model/rebuild") { Content = Json("""{ "by": "projection-crash-spec" }""") };
        var rebuildTime = Stopwatch.StartNew();
        var started = await client.SendAsync(rebuild);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        var head = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("headOffset").GetInt64();
        await Poll.UntilAsync(
            async () => await StatusAsync(client) is { Lag: 0 } status && status.ProjectedOffset >= head,
            TimeSpan.FromSeconds(60),
            "the rebuild to catch up with the journal");
        output.WriteLine($"Rebuild from scratch: {head} journal offsets projected in {rebuildTime.Elapsed.TotalSeconds:0.00} s");

        var rebuilt = Tables();
        foreach (var table in RowTables)
            Assert.True(afterCrash[table].SequenceEqual(rebuilt[table]), $"{table} differs after the rebuild: {Difference(afterCrash[table], rebuilt[table])}");
        // Basic deployments into a healthy region warn about nothing: the warning table is compared, but may be empty.
        Assert.All(RowTables.Where(t => t != "deployment_warning"), table => Assert.NotEmpty(rebuilt[table]));
    }

    /// <summary>
    /// One summary per submitted deployment, each succeeded, and one step row per step the journal started (the
    /// primary key makes a doubled row impossible, so a count that matches means none is missing); every step ended.
    /// </summary>
    private void AssertRowsMatchTheJournal(IReadOnlyList<string> ids)
    {
        using var connection = Open();
        Assert.Equal(ids.Order(StringComparer.Ordinal), Column<string>(connection, "SELECT deployment_id FROM deployment_summary ORDER BY deployment_id", []).Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            var started = Column<long>(connection, "SELECT COUNT(*) FROM journal WHERE persistence_id = $pid AND manifest = 'step-started.v1'", [("$pid", "deployment-" + id)]).Single();
            var rows = Column<long>(connection, "SELECT COUNT(*) FROM deployment_step WHERE deployment_id = $id", [("$id", id)]).Single();
            var open = Column<long>(connection, "SELECT COUNT(*) FROM deployment_step WHERE deployment_id = $id AND ended_at IS NULL", [("$id", id)]).Single();
            var status = Column<string>(connection, "SELECT status FROM deployment_summary WHERE deployment_id = $id", [("$id", id)]).Single();
            Assert.True(started > 3, $"the journal holds {id}'s steps");
            Assert.Equal((id, started, 0L, "succeeded"), (id, rows, open, status));
        }
    }

    /// <summary>Every row of every projected table, as text, sorted.</summary>
    private Dictionary<string, List<string>> Tables()
    {
        using var connection = Open();
        return RowTables.ToDictionary(table => table, table =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)}")));
            rows.Sort(StringComparer.Ordinal);
            return rows;
        });
    }

    private static string Difference(List<string> before, List<string> after) =>
        $"only before: [{string.Join("; ", before.Except(after).Take(3))}], only after: [{string.Join("; ", after.Except(before).Take(3))}] ({before.Count} rows before, {after.Count} after)";

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly");
        connection.Open();
        return connection;
    }

    private static List<T> Column<T>(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    private static HttpClient Client(Uri address)
    {
        var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WriteToken);
        return http;
    }

    private static async Task SubmitAsync(HttpClient http, string deploymentId, string spec)
    {
        var response = await http.PostAsync("/api/deployments", Json($$"""{ "deploymentId": "{{deploymentId}}", "submittedBy": "projection-crash-spec", "spec": {{spec}} }"""));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"submitting {deploymentId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Each listed deployment's status (the list reads the read model).</summary>
    private static async Task<Dictionary<string, string>> ListedStatusesAsync(HttpClient http)
    {
        var page = JsonDocument.Parse(await http.GetStringAsync("/api/deployments?limit=500")).RootElement;
        return page.GetProperty("deployments").EnumerateArray().ToDictionary(d => d.GetProperty("deploymentId").GetString()!, d => d.GetProperty("status").GetString()!);
    }

    private static async Task<ReadModelStatus> StatusAsync(HttpClient http)
    {
        var status = JsonDocument.Parse(await http.GetStringAsync("/api/read-model")).RootElement;
        return new ReadModelStatus(
            status.GetProperty("projectedOffset").GetInt64(),
            status.GetProperty("headOffset").GetInt64(),
            status.GetProperty("lag").GetInt64());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// The read model's offsets. Its time behind is left out: it compares the journal's wall-clock timestamps with the
    /// node's clock, which a sped-up node runs ahead of them.
    /// </summary>
    private sealed record ReadModelStatus(long ProjectedOffset, long HeadOffset, long Lag);
}
