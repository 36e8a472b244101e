using AmiOrchestrator.Actors.Hosting;

namespace AmiOrchestrator.Actors.Tests.Hosting;

public sealed class AmiOrchestratorOptionsTests
{
    [Fact]
    public void The_defaults_are_a_single_engine_node_on_loopback_that_joins_itself()
    {
        var options = new AmiOrchestratorOptions();

        Assert.Empty(options.Problems());
        Assert.Equal(("127.0.0.1", 4053), (options.Hostname, options.Port));
        Assert.Empty(options.SeedNodes);
        Assert.Equal([AmiOrchestratorOptions.EngineRole], options.Roles);
    }

    [Fact]
    public void Seed_nodes_of_the_engine_s_actor_system_are_accepted() =>
        Assert.Empty(new AmiOrchestratorOptions { SeedNodes = ["akka.tcp://ami-orchestrator@10.0.0.5:4053", "akka.tcp://ami-orchestrator@node-b:4053"] }.Problems());

    [Theory]
    [InlineData("node-b:4053", "SeedNodes[0] 'node-b:4053' is not an address such as akka.tcp://ami-orchestrator@host:4053")]
    [InlineData("akka.tcp://deployer@node-b:4053", "SeedNodes[0] 'akka.tcp://deployer@node-b:4053' names actor system 'deployer', but the engine's is 'ami-orchestrator'")]
    [InlineData("akka.tcp://ami-orchestrator@node-b", "SeedNodes[0] 'akka.tcp://ami-orchestrator@node-b' must name a host and a port")]
    public void A_seed_node_that_could_never_be_joined_is_refused_with_the_reason(string seed, string problem) =>
        Assert.Equal([problem], new AmiOrchestratorOptions { SeedNodes = [seed] }.Problems());

    [Fact]
    public void Every_problem_is_named_at_once_with_its_field()
    {
        var options = new AmiOrchestratorOptions
        {
            Hostname = " ",
            PublicHostname = "",
            Port = -1,
            Roles = ["engine", ""],
            NumberOfShards = 0,
            StableAfter = TimeSpan.Zero,
            MinimumPollInterval = TimeSpan.FromSeconds(-1),
            Persistence = new() { SqlitePath = "" },
        };

        Assert.Equal(
            [
                "Hostname must not be blank",
                "PublicHostname must not be blank when given",
                "Port must be between 0 and 65535 (is -1)",
                "Roles[1] must not be blank",
                "NumberOfShards must be at least 1 (is 0)",
                "StableAfter must be positive (is 00:00:00)",
                "MinimumPollInterval must be positive (is -00:00:01)",
                "Persistence.SqlitePath must not be blank",
            ],
            options.Problems());
    }
}
