using AmiOrchestrator.Orchestrator.Cli;
using AmiOrchestrator.Orchestrator.Tests.Support;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Orchestrator.Tests;

/// <summary>Mistakes that need no running cluster: nobody at the contact, a bad contact, bad configuration, and the help.</summary>
public sealed class ContactSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task A_contact_where_no_node_listens_gives_one_line_saying_what_to_do_and_exit_10()
    {
        var port = FreePort.Next();

        await using var status = await OrchestratorProcess.RunAsync(output, "status", ["status", "d-1", "--contact", $"127.0.0.1:{port}", "--timeout", "3"], TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Unreachable, status.ExitCode);
        Assert.Equal([$"no node answered at 127.0.0.1:{port} within 3 s; is `ami-orchestrator serve` running?"], status.Errors);
    }

    [Fact]
    public async Task A_contact_that_is_not_host_and_port_is_invalid_input()
    {
        await using var status = await OrchestratorProcess.RunAsync(output, "status", ["status", "d-1", "--contact", "node-a"], TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.InvalidInput, status.ExitCode);
        Assert.Equal(["--contact: 'node-a' is not HOST:PORT, the cluster address of a node (such as 127.0.0.1:4053)"], status.Errors);
    }

    [Fact]
    public async Task Serve_with_bad_settings_names_every_problem_by_its_key_and_exits_2()
    {
        using var folder = new TestFolder();
        var config = TestSpecs.Write(folder, "bad.json", """{ "Engine": { "Port": "x", "StableAfter": "soon" }, "Cloud": { "Provider": "azure" } }""");

        await using var serve = await OrchestratorProcess.RunAsync(output, "serve", ["serve", "--config", config, "--seed", "node-b", "--clock-speed", "3"], TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.InvalidInput, serve.ExitCode);
        Assert.Equal(
            [
                "The configuration is invalid:",
                "  Engine:Port: 'x' is not a whole number",
                "  Engine:StableAfter: 'soon' is not a duration such as 20s, 5m or 00:00:20",
                "  Engine: SeedNodes[0] 'akka.tcp://ami-orchestrator@node-b' must name a host and a port",
                "  Cloud:Provider: 'azure' is not one of aws, simulator",
                "  Clock:Speed: only a simulated region runs faster than real time; against AWS it must be 1 (or set Cloud:Aws:EndpointUrl to a simulator)",
            ],
            serve.Errors);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("serve")]
    [InlineData("simulator")]
    [InlineData("submit")]
    [InlineData("status")]
    [InlineData("list")]
    [InlineData("watch")]
    [InlineData("rollback")]
    [InlineData("abort")]
    [InlineData("approve")]
    [InlineData("reject")]
    public async Task Every_verb_s_help_shows_real_examples(string verb)
    {
        await using var help = await OrchestratorProcess.RunAsync(output, verb, [verb, "--help"], TimeSpan.FromSeconds(60));

        Assert.Equal(0, help.ExitCode);
        var examples = help.Output.SkipWhile(line => line.Trim() != "Examples:").Skip(1).TakeWhile(line => line.Trim().Length > 0).ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, line => Assert.Matches(@"^\s+(ami-orchestrator|aws|AMI_ORCHESTRATOR_\w+=\S+ ami-orchestrator) ", line));
        Assert.Contains(examples, line => line.Contains($"ami-orchestrator {verb} ", StringComparison.Ordinal));
    }
}
