using System.Text.Json;
using AmiOrchestrator.Orchestrator.Cli;
using AmiOrchestrator.Orchestrator.Tests.Support;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Orchestrator.Tests;

/// <summary>
/// Every cluster-client verb against one real node (a simulated region inside it, its clock 40x): what each prints, its
/// JSON shape, and its exit code for each outcome and each mistake a person makes. The node is shared by the class;
/// each test deploys in a lineage of its own.
/// </summary>
public sealed class VerbSpecs : IClassFixture<VerbSpecs.Node>
{
    private readonly TestFolder folder;
    private readonly ClusterCli cli;

    public VerbSpecs(Node node, ITestOutputHelper output)
    {
        node.Output.Current = output;
        folder = node.Folder;
        cli = new ClusterCli(output, node.Serve.Contact);
    }

    [Fact]
    public async Task A_gated_deployment_is_approved_and_watched_to_success_then_commands_for_a_finished_one_are_refused()
    {
        await cli.SubmitAsync(TestSpecs.Write(folder, "gated.json", TestSpecs.Gated("verbs-gated")), "gated-1");
        await using var watch = cli.Start("watch", "gated-1", "--output", "json");
        await Poll.UntilAsync(async () => (await cli.StatusAsync("gated-1")).GetProperty("status").GetString() == "awaitingApproval", TimeSpan.FromSeconds(60), "the gate to wait");
        var gate = (await cli.StatusAsync("gated-1")).GetProperty("currentStep").GetString()!;

        await using var approve = await cli.RunAsync("approve", "gated-1", "--gate", gate);
        await watch.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await using var rollback = await cli.RunAsync("rollback", "gated-1", "--reason", "too late");
        await using var approveAgain = await cli.RunAsync("approve", "gated-1");
        await using var list = await cli.RunAsync("list", "--lineage", "verbs-gated", "--output", "json");

        Assert.Equal(0, approve.ExitCode);
        Assert.Equal(0, watch.ExitCode);
        var end = JsonDocument.Parse(watch.Output[^1]).RootElement;
        Assert.Equal(("succeeded", TestSpecs.FirstGroup("verbs-gated")), (end.GetProperty("status").GetString(), end.GetProperty("newAsg").GetString()));
        Assert.Contains(watch.Errors, line => line.Contains("waits for approval: ami-orchestrator approve gated-1", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Refused, rollback.ExitCode);
        Assert.Equal(["rollback gated-1 refused: the deployment has ended (Succeeded); deploy the previous AMI to go back"], rollback.Errors);
        Assert.Equal(ExitCodes.Refused, approveAgain.ExitCode);
        Assert.Single(approveAgain.Errors);
        Assert.Contains("not awaiting approval", approveAgain.Errors[0], StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        var listed = JsonDocument.Parse(list.Output[^1]).RootElement.GetProperty("deployments").EnumerateArray().Single();
        Assert.Equal(("gated-1", "succeeded"), (listed.GetProperty("deploymentId").GetString(), listed.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_deployment_that_never_gets_healthy_is_rolled_back_and_watch_exits_4()
    {
        await cli.SubmitAsync(TestSpecs.Write(folder, "broken.json", TestSpecs.NeverHealthy("verbs-broken")), "broken-1");

        await using var watch = await cli.RunAsync("watch", "broken-1");

        Assert.Equal(ExitCodes.RolledBack, watch.ExitCode);
        Assert.Contains(watch.Output, line => line.Contains("broken-1 ended rolledBack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_aborted_deployment_ends_aborted_and_watch_exits_5()
    {
        await cli.SubmitAsync(TestSpecs.Write(folder, "to-abort.json", TestSpecs.Gated("verbs-abort")), "abort-1");
        await Poll.UntilAsync(async () => (await cli.StatusAsync("abort-1")).GetProperty("status").GetString() == "awaitingApproval", TimeSpan.FromSeconds(60), "the gate to wait");

        await using var abort = await cli.RunAsync("abort", "abort-1", "--reason", "wrong AMI");
        await using var watch = await cli.RunAsync("watch", "abort-1", "--output", "json");

        Assert.Equal(0, abort.ExitCode);
        Assert.Equal(ExitCodes.Aborted, watch.ExitCode);
        Assert.Equal("aborted", JsonDocument.Parse(watch.Output[^1]).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_id_gives_one_line_and_exit_8_for_reads_and_commands()
    {
        await using var status = await cli.RunAsync("status", "nobody-submitted-this");
        await using var reject = await cli.RunAsync("reject", "nobody-submitted-this", "--reason", "no");

        Assert.Equal((ExitCodes.NotFound, ExitCodes.NotFound), (status.ExitCode, reject.ExitCode));
        Assert.Equal(["no deployment has the id 'nobody-submitted-this'"], status.Errors);
        Assert.Equal(["no deployment has the id 'nobody-submitted-this'"], reject.Errors);
    }

    [Fact]
    public async Task A_bad_list_filter_is_invalid_input_naming_the_option()
    {
        await using var list = await cli.RunAsync("list", "--status", "finished");

        Assert.Equal(ExitCodes.InvalidInput, list.ExitCode);
        Assert.Single(list.Errors);
        Assert.StartsWith("--status: 'finished' is not one of queued, ", list.Errors[0], StringComparison.Ordinal);
    }

    /// <summary>The class's node, whose output goes to the test that runs at the time.</summary>
    public sealed class Node : IAsyncLifetime
    {
        internal ForwardingOutput Output { get; } = new();

        public TestFolder Folder { get; } = new();

        internal ServeNode Serve { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Serve = await ServeNode.StartAsync(Output, "node", ["--data", Folder.Path, "--fixtures", "deploy/simulator/example.json", "--clock-speed", "40"]);

        public async Task DisposeAsync()
        {
            await Serve.DisposeAsync();
            Folder.Dispose();
        }
    }
}
