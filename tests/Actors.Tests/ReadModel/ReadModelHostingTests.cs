using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>What <c>WithAmiOrchestrator</c> makes of the read side, read from a running node.</summary>
public sealed class ReadModelHostingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestFolder folder = new();

    [Fact]
    public async Task The_read_journal_polls_every_100_ms_at_both_of_its_latency_settings_and_keeps_10_s_of_patience_for_gaps()
    {
        await using var node = await EngineNode.StartAsync(new PersistenceOptions { SqlitePath = folder.File("engine.db") }, output);
        var query = node.System.Settings.Config.GetConfig("akka.persistence.query.journal.sql");

        Assert.Equal(TimeSpan.FromMilliseconds(100), query.GetTimeSpan("refresh-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), query.GetTimeSpan("journal-sequence-retrieval.query-delay"));
        Assert.Equal(100, query.GetInt("journal-sequence-retrieval.max-tries"));
    }

    [Fact]
    public async Task Every_node_registers_the_projection_proxy_for_rebuild_requests()
    {
        await using var node = await EngineNode.StartAsync(new PersistenceOptions { SqlitePath = folder.File("engine.db") }, output);

        Assert.True(node.Registry.TryGet<ReadModelProjection>(out var proxy));
        Assert.Equal($"{ReadModelHosting.SingletonName}-proxy", proxy.Path.Name);
    }

    public void Dispose() => folder.Dispose();
}
