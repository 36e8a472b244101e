using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.TestSupport.Cloud;

namespace AmiOrchestrator.Actors.Tests.Deployments;

/// <summary>
/// Deployments run end to end inside an engine node (sharded persistent entities, per-group children, the watcher,
/// the lineage) against the simulated region over HTTP, on a real SQLite file. What is checked is the region's own
/// state, read back over its API.
/// </summary>
public sealed class DeploymentActorSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private DeploymentEngine engine = null!;

    public async Task InitializeAsync() => engine = await DeploymentEngine.StartAsync(output);

    public async Task DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task A_canary_deployment_runs_to_success_inside_the_engine()
    {
        var reply = await engine.SubmitAsync("canary-1", WebSpecs.Canary(25, 50, 100));

        Assert.True(reply.Accepted, reply.Message);
        var view = engine.Await("canary-1");
        Assert.Equal(DeploymentStatus.Succeeded, view.Status);
        Assert.Equal((3, 3), (view.Phase, view.Phases));
        Assert.Equal((2, 4, 8), (view.NewGroup?.MinSize, view.NewGroup?.DesiredCapacity, view.NewGroup?.MaxSize));
        var created = await engine.Region.ExistingGroupAsync(WebRegion.NextName);
        Assert.Equal(4, created.Instances.Count(i => i.IsInServiceAndHealthy));
        Assert.Equal("canary-1", created.TagValue(LineageTags.DeploymentKey));
        Assert.Equal(0, (await engine.Region.ExistingGroupAsync(WebRegion.Previous)).DesiredCapacity);
    }
}
