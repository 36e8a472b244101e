using System.Diagnostics;
using System.Text.Json;
using AmiOrchestrator.Orchestrator.Tests.Support;
using AmiOrchestrator.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AmiOrchestrator.Orchestrator.Tests;

/// <summary>
/// Nodes killed with SIGKILL in the middle of a canary phase. A simulator process serves the region (so the region
/// outlives the nodes), its clock and the nodes' at 20x; the CLI submits and watches through the cluster client.
/// </summary>
public sealed class CrashSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Speed = "20";

    private readonly TestFolder folder = new();
    private readonly string endpoint = $"http://127.0.0.1:{FreePort.Next()}";
    private OrchestratorProcess simulator = null!;

    public async Task InitializeAsync() => simulator = await OrchestratorProcess.StartSimulatorAsync(output, endpoint, Speed);

    public async Task DisposeAsync()
    {
        await simulator.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Three_nodes_on_PostgreSQL_the_node_running_a_canary_is_killed_and_another_finishes_it_while_watch_keeps_reporting()
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        var database = await postgres.CreateDatabaseAsync();
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort.Next()).ToList();
        var seeds = ports.SelectMany(p => new[] { "--seed", $"127.0.0.1:{p}" }).ToList();
        // Started together: the first seed forms the cluster, the others join it as it comes up.
        var starting = ports.Select((port, i) => ServeNode.StartAsync(
            output, $"node-{i}", ["--postgres", database, "--cloud-endpoint", endpoint, "--clock-speed", Speed, .. seeds], port, AwsCli.Environment(endpoint))).ToList();
        var nodes = new List<ServeNode>();
        try
        {
            foreach (var node in starting)
                nodes.Add(await node);
            var cli = new ClusterCli(output, [.. nodes.Select(n => n.Contact)]);
            await cli.SubmitAsync(TestSpecs.Write(folder, "canary.json", TestSpecs.Canary("failover")), "failover-1");
            await using var watch = cli.Start("watch", "failover-1", "--output", "json");

            var host = await HostOfAsync(nodes, "failover-1/phase-1/bake");
            host.Process.Kill();
            var killed = Stopwatch.StartNew();
            var survivors = nodes.Where(n => n != host).ToList();
            await Poll.UntilAsync(() => survivors.Any(n => n.Started("failover-1/phase-1/bake")), TimeSpan.FromSeconds(120), "the bake to run again on a surviving node");
            output.WriteLine($"3-node failover: the bake ran again on a surviving node {killed.Elapsed.TotalSeconds:0.0} s after the SIGKILL");
            await watch.WaitForExitAsync(TimeSpan.FromMinutes(3));

            Assert.True(watch.ExitCode == 0, $"watch exited {watch.ExitCode}: {string.Join('\n', watch.Errors.TakeLast(5))}");
            var end = JsonDocument.Parse(watch.Output[^1]).RootElement;
            Assert.Equal("succeeded", end.GetProperty("status").GetString());
            Assert.Contains(survivors, n => n.Started("failover-1/phase-2/"));
            await AssertOneGroupServingAsync("failover");
            await AssertReadModelHasEveryStepAsync(database, "failover-1");
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_single_node_on_SQLite_killed_mid_phase_and_started_again_finishes_the_deployment_with_no_message_sent()
    {
        var port = FreePort.Next();
        string[] serve = ["--data", folder.Path, "--cloud-endpoint", endpoint, "--clock-speed", Speed];
        var node = await ServeNode.StartAsync(output, "node", serve, port, AwsCli.Environment(endpoint));
        var cli = new ClusterCli(output, node.Contact);
        await cli.SubmitAsync(TestSpecs.Write(folder, "canary.json", TestSpecs.Canary("restart")), "restart-1");

        await HostOfAsync([node], "restart-1/phase-1/bake");
        node.Process.Kill();
        await using var restarted = await ServeNode.StartAsync(output, "node-again", serve, port, AwsCli.Environment(endpoint));
        await Poll.UntilAsync(() => Journal(folder.File("ami-orchestrator.db"), "deployment-restart-1").Contains("deployment-succeeded.v1"), TimeSpan.FromMinutes(2), "the deployment to end in the journal");

        Assert.True(restarted.Started("restart-1/phase-1/bake"), "the bake in progress ran again on the new process");
        Assert.Equal("succeeded", (await cli.StatusAsync("restart-1")).GetProperty("status").GetString());
        await AssertOneGroupServingAsync("restart");
        await node.DisposeAsync();
    }

    /// <summary>The node whose executor started the step, waited for.</summary>
    private static async Task<ServeNode> HostOfAsync(IReadOnlyList<ServeNode> nodes, string stepPrefix)
    {
        ServeNode? host = null;
        await Poll.UntilAsync(() => (host = nodes.FirstOrDefault(n => n.Started(stepPrefix))) is not null, TimeSpan.FromMinutes(2), $"a node to start {stepPrefix}");
        return host!;
    }

    /// <summary>The lineage holds exactly the new group, at its final sizes, all four instances in service on the new AMI.</summary>
    private async Task AssertOneGroupServingAsync(string lineage)
    {
        var groups = (await AwsCli.JsonAsync(endpoint, "autoscaling", "describe-auto-scaling-groups", "--filters", $"Name=tag:ami-orchestrator:lineage,Values={lineage}"))
            .GetProperty("AutoScalingGroups").EnumerateArray().ToList();
        var group = Assert.Single(groups);
        Assert.Equal(TestSpecs.FirstGroup(lineage), group.GetProperty("AutoScalingGroupName").GetString());
        Assert.Equal((2, 4, 8), (group.GetProperty("MinSize").GetInt32(), group.GetProperty("DesiredCapacity").GetInt32(), group.GetProperty("MaxSize").GetInt32()));
        var instances = group.GetProperty("Instances").EnumerateArray().ToList();
        Assert.Equal(4, instances.Count);
        Assert.All(instances, i => Assert.Equal(("InService", "Healthy"), (i.GetProperty("LifecycleState").GetString(), i.GetProperty("HealthStatus").GetString())));
        var images = (await AwsCli.JsonAsync(endpoint, ["ec2", "describe-instances", "--instance-ids", .. instances.Select(i => i.GetProperty("InstanceId").GetString()!)]))
            .GetProperty("Reservations").EnumerateArray().SelectMany(r => r.GetProperty("Instances").EnumerateArray()).Select(i => i.GetProperty("ImageId").GetString()).Distinct();
        Assert.Equal([TestSpecs.GoodImage], images);
    }

    /// <summary>
    /// The read model, written by a projection that died with its node and started again elsewhere, has one row per step
    /// the journal started (none missing; the key makes duplicates impossible), every one ended.
    /// </summary>
    private static async Task AssertReadModelHasEveryStepAsync(string database, string deploymentId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await Poll.UntilAsync(
            async () =>
            {
                await using var command = new NpgsqlCommand("SELECT status FROM deployment_summary WHERE deployment_id = @id", connection);
                command.Parameters.AddWithValue("id", deploymentId);
                return await command.ExecuteScalarAsync() as string == "succeeded";
            },
            TimeSpan.FromSeconds(30),
            "the read model to show the deployment succeeded");
        await using var counts = new NpgsqlCommand(
            """
            SELECT (SELECT COUNT(*) FROM journal WHERE persistence_id = @pid AND manifest = 'step-started.v1'),
                   (SELECT COUNT(*) FROM deployment_step WHERE deployment_id = @id),
                   (SELECT COUNT(*) FROM deployment_step WHERE deployment_id = @id AND ended_at IS NULL)
            """,
            connection);
        counts.Parameters.AddWithValue("pid", "deployment-" + deploymentId);
        counts.Parameters.AddWithValue("id", deploymentId);
        await using var row = await counts.ExecuteReaderAsync();
        await row.ReadAsync();
        Assert.True(row.GetInt64(0) > 5, "the journal holds the deployment's steps");
        Assert.Equal((row.GetInt64(0), 0L), (row.GetInt64(1), row.GetInt64(2)));
    }

    /// <summary>The manifests of a persistence id's events, read from the SQLite file without the node's help.</summary>
    private static List<string> Journal(string databasePath, string persistenceId)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest FROM journal WHERE persistence_id = $pid ORDER BY sequence_number";
        command.Parameters.AddWithValue("$pid", persistenceId);
        using var reader = command.ExecuteReader();
        var manifests = new List<string>();
        while (reader.Read())
            manifests.Add(reader.GetString(0));
        return manifests;
    }
}
