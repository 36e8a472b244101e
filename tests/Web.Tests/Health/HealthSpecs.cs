using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Health;

public sealed class HealthSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private WebNode node = null!;

    public async Task InitializeAsync() => node = await WebNode.StartAsync(output);

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Healthz_answers_while_the_process_is_up()
    {
        var health = await Requests.GetAsync(node.Http, "/healthz");

        Assert.Equal("Healthy", health["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ready_answers_once_the_node_is_up_in_its_cluster_and_its_journal_answers()
    {
        var ready = await Requests.GetAsync(node.Http, "/ready");

        Assert.Equal("Healthy", ready["checks"]!["cluster"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["checks"]!["journal"]!["status"]!.GetValue<string>());
    }
}
