using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Health;

public sealed class HealthSpecs : IClassFixture<NodeFixture>
{
    private readonly WebNode node;

    public HealthSpecs(NodeFixture fixture, ITestOutputHelper output)
    {
        fixture.Output.UseFor(output);
        node = fixture.Node;
    }

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
