using AmiOrchestrator.Orchestrator.Cli;
using AmiOrchestrator.Orchestrator.Configuration;
using AmiOrchestrator.TestSupport;
using Microsoft.Extensions.Configuration;

namespace AmiOrchestrator.Orchestrator.Tests;

public sealed class ConfigurationTests
{
    private static NodeSettings Read(string? file, Dictionary<string, string?>? options = null) =>
        NodeConfiguration.Read(new ConfigurationManager().AddNodeSources(file, options ?? []).Build());

    [Fact]
    public void The_cluster_node_example_reads_as_a_node_of_three_on_PostgreSQL()
    {
        var settings = Read(Repository.File("deploy", "appsettings", "cluster-node.json"));

        Assert.True(settings.Engine.Persistence.UsesPostgres);
        Assert.Equal(
            ["akka.tcp://ami-orchestrator@node-a.internal:4053", "akka.tcp://ami-orchestrator@node-b.internal:4053", "akka.tcp://ami-orchestrator@node-c.internal:4053"],
            settings.Engine.SeedNodes);
        Assert.Equal(("0.0.0.0", "node-a.internal"), (settings.Engine.Hostname, settings.Engine.PublicHostname));
    }

    [Fact]
    public void The_single_node_example_reads_as_a_node_on_SQLite_that_assumes_a_role()
    {
        var settings = Read(Repository.File("deploy", "appsettings", "single-node.json"));

        Assert.Equal("/var/lib/ami-orchestrator/ami-orchestrator.db", settings.Engine.Persistence.SqlitePath);
        Assert.Equal("arn:aws:iam::123456789012:role/ami-orchestrator-deployer", settings.Aws.RoleArn);
        Assert.Empty(settings.Engine.SeedNodes);
    }

    [Fact]
    public void Options_override_files_and_a_list_may_be_one_comma_separated_value()
    {
        var settings = Read(
            Repository.File("deploy", "appsettings", "single-node.json"),
            new() { ["Engine:Port"] = "4999", ["Engine:Seeds"] = "10.0.0.5:4053, 10.0.0.6:4053", ["Engine:StableAfter"] = "00:00:07" });

        Assert.Equal(4999, settings.Engine.Port);
        Assert.Equal(["akka.tcp://ami-orchestrator@10.0.0.5:4053", "akka.tcp://ami-orchestrator@10.0.0.6:4053"], settings.Engine.SeedNodes);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.Engine.StableAfter);
    }

    [Fact]
    public void A_sped_up_clock_against_real_AWS_is_refused()
    {
        var failure = Assert.Throws<CliFailure>(() => Read(null, new() { ["Clock:Speed"] = "10" }));

        Assert.Equal(ExitCodes.InvalidInput, failure.ExitCode);
        Assert.Contains("Clock:Speed: only a simulated region runs faster than real time", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Web_settings_read_durations_as_the_specs_write_them_and_leave_reads_open_without_a_read_token()
    {
        var settings = Read(null, new() { ["Web:WriteToken"] = "write-token-0123456789", ["Web:EngineTimeout"] = "20s", ["Web:HeartbeatInterval"] = "00:00:30" });

        Assert.Equal(("write-token-0123456789", null), (settings.Web.WriteToken, settings.Web.ReadToken));
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)), (settings.Web.EngineTimeout, settings.Web.HeartbeatInterval));
    }

    [Fact]
    public void Bad_web_settings_are_refused_together_each_named_by_its_key()
    {
        var failure = Assert.Throws<CliFailure>(() => Read(null, new()
        {
            ["Web:ReadToken"] = "short",
            ["Web:WriteToken"] = "has a space in it, 0123456789",
            ["Web:RefreshInterval"] = "often",
            ["Web:ReadinessTimeout"] = "0s",
        }));

        Assert.Equal(ExitCodes.InvalidInput, failure.ExitCode);
        Assert.Contains("Web:ReadToken must be at least 16 characters (is 5)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Web:WriteToken must not hold spaces", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Web:RefreshInterval: 'often' is not a duration", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Web:ReadinessTimeout must be positive", failure.Message, StringComparison.Ordinal);
    }
}
