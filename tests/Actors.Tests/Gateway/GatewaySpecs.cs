using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Lineages;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.TestSupport.Cloud;

namespace AmiOrchestrator.Actors.Tests.Gateway;

/// <summary>
/// The engine's front door: submissions validated and admitted by their lineage before anything is recorded, commands
/// answered Accepted or Rejected with the reason, reads and watches, and the same actors reached from another actor
/// system through ClusterClient, as the platform reaches them.
/// </summary>
public sealed class GatewaySpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private DeploymentEngine engine = null!;

    public async Task InitializeAsync() => engine = await DeploymentEngine.StartAsync(output);

    public async Task DisposeAsync() => await engine.DisposeAsync();

    private IActorRef Gateway => engine.Node.Registry.Get<DeploymentGatewayKey>();

    private IActorRef Queries => engine.Node.Registry.Get<DeploymentQueriesKey>();

    private Task<object> AskAsync(IActorRef actor, object message) => actor.Ask<object>(message, TimeSpan.FromSeconds(30));

    private static string Json(DeploymentSpec spec) => System.Text.Json.JsonSerializer.Serialize(spec, Domain.Common.DomainJson.Options);

    private async Task<IReadOnlyList<object>> JournalOfAsync(string persistenceId)
    {
        var journal = PersistenceQuery.Get(engine.Node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        return await journal.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
            .Select(e => e.Event).RunWith(Sink.Seq<object>(), engine.Node.System.Materializer());
    }

    [Fact]
    public async Task A_spec_with_three_invalid_fields_is_rejected_with_all_three_and_nothing_is_recorded()
    {
        const string json = """
            { "service": { "name": "web", "ami": { "id": "ami-0fedcba9876543210" } },
              "environment": { "name": "prod" },
              "infrastructure": { "id": "web-prod", "region": "us-east-1", "baseAsg": "web-base" },
              "capacity": { "mode": "fixed", "min": "two", "desired": 4, "max": 8 },
              "strategy": { "type": "canery" },
              "rollbakOnFailure": true }
            """;

        var answer = Assert.IsType<GatewayProtocol.Rejected>(await AskAsync(Gateway, new GatewayProtocol.Submit("bad-1", "tester", SpecJson: json)));

        Assert.Equal(["capacity.min", "rollbakOnFailure", "strategy.type"], answer.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Empty(await JournalOfAsync(DeploymentActor.PersistenceIdOf("bad-1")));
        Assert.Empty(await JournalOfAsync(LineageActor.PersistenceIdOf("web-prod")));
    }

    [Fact]
    public async Task A_valid_submission_is_accepted_runs_and_the_same_id_again_is_the_same_deployment()
    {
        var first = Assert.IsType<GatewayProtocol.Accepted>(await AskAsync(Gateway, new GatewayProtocol.Submit("ok-1", "tester", SpecJson: Json(WebSpecs.Basic()))));
        var again = Assert.IsType<GatewayProtocol.Accepted>(await AskAsync(Gateway, new GatewayProtocol.Submit("ok-1", "tester", Spec: WebSpecs.Basic())));
        var other = Assert.IsType<GatewayProtocol.Rejected>(await AskAsync(Gateway, new GatewayProtocol.Submit("ok-1", "tester", Spec: WebSpecs.Canary(50, 100))));

        Assert.Equal("ok-1", first.DeploymentId);
        Assert.Contains("already submitted", again.Message, StringComparison.Ordinal);
        Assert.Contains("different spec", other.Reason, StringComparison.Ordinal);
        Assert.Equal(DeploymentStatus.Succeeded, engine.Await("ok-1").Status);
        Assert.Equal(DeploymentStatus.Succeeded, Assert.IsType<DeploymentView>(await AskAsync(Queries, new QueryProtocol.Get("ok-1"))).Status);
        // The list comes from the read model, which the projection fills a moment later.
        await Poll.UntilAsync(
            async () => Assert.IsType<DeploymentListResult>(await AskAsync(Queries, new ReadModelProtocol.ListDeployments(new DeploymentListQuery { Lineage = "web-prod", Statuses = ["succeeded"] })))
                .Page!.Deployments.Any(d => d.DeploymentId == "ok-1"),
            TimeSpan.FromSeconds(20),
            "the deployment to be listed as succeeded");
    }

    [Fact]
    public async Task The_twenty_first_waiting_submission_is_rejected_naming_the_running_one_and_nothing_is_recorded_for_it()
    {
        var gated = WebSpecs.Basic() with { Strategy = WebSpecs.Basic().Strategy with { Gates = new GatesSpec { ManualApproval = true } } };
        Assert.IsType<GatewayProtocol.Accepted>(await AskAsync(Gateway, new GatewayProtocol.Submit("running", "tester", Spec: gated)));
        engine.Await("running", view => view.Status == DeploymentStatus.AwaitingApproval);
        for (var i = 1; i <= Lineage.MaxWaiting; i++)
        {
            var queued = Assert.IsType<GatewayProtocol.Accepted>(await AskAsync(Gateway, new GatewayProtocol.Submit($"waiting-{i}", "tester", Spec: WebSpecs.Basic())));
            Assert.Equal((DeploymentStatus.Queued, i), (queued.Status, queued.QueuePosition));
        }
        var lineageEvents = (await JournalOfAsync(LineageActor.PersistenceIdOf("web-prod"))).Count;

        var refused = Assert.IsType<GatewayProtocol.Rejected>(await AskAsync(Gateway, new GatewayProtocol.Submit("one-too-many", "tester", Spec: WebSpecs.Basic())));

        Assert.Contains("where running is running", refused.Reason, StringComparison.Ordinal);
        Assert.False(refused.Retryable);
        Assert.Empty(await JournalOfAsync(DeploymentActor.PersistenceIdOf("one-too-many")));
        Assert.Equal(lineageEvents, (await JournalOfAsync(LineageActor.PersistenceIdOf("web-prod"))).Count);
    }

    [Fact]
    public async Task Commands_for_an_unknown_id_or_in_the_wrong_state_are_rejected_with_the_reason()
    {
        Assert.IsType<GatewayProtocol.Accepted>(await AskAsync(Gateway, new GatewayProtocol.Submit("cmd-1", "tester", Spec: WebSpecs.Basic())));
        engine.Await("cmd-1");

        var unknown = Assert.IsType<GatewayProtocol.Rejected>(await AskAsync(Gateway, new GatewayProtocol.Abort("nope", "tester", "why not")));
        var noGate = Assert.IsType<GatewayProtocol.Rejected>(await AskAsync(Gateway, new GatewayProtocol.Approve("cmd-1", "tester")));
        var ended = Assert.IsType<GatewayProtocol.Rejected>(await AskAsync(Gateway, new GatewayProtocol.Rollback("cmd-1", "tester", "too late")));
        var notFound = Assert.IsType<QueryProtocol.NotFound>(await AskAsync(Queries, new QueryProtocol.Get("nope")));

        Assert.Contains("no deployment has the id 'nope'", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("not awaiting approval", noGate.Reason, StringComparison.Ordinal);
        Assert.Contains("has ended (Succeeded)", ended.Reason, StringComparison.Ordinal);
        Assert.Equal("nope", notFound.DeploymentId);
        Assert.Empty(await JournalOfAsync(DeploymentActor.PersistenceIdOf("nope")));
    }

    [Fact]
    public async Task A_platform_outside_the_cluster_submits_and_watches_through_cluster_client()
    {
        var nodeAddress = Akka.Cluster.Cluster.Get(engine.Node.System).SelfAddress;
        await using var platform = await PlatformClient.StartAsync($"{nodeAddress}/system/receptionist", output);
        var clusterClient = platform.ClusterClient;
        var kit = platform.Kit;

        var accepted = await clusterClient.Ask<object>(new ClusterClient.Send("/user/gateway", new GatewayProtocol.Submit("remote-1", "platform", Spec: WebSpecs.Basic()), localAffinity: true), TimeSpan.FromSeconds(30));
        clusterClient.Tell(new ClusterClient.Send("/user/queries", new QueryProtocol.Watch("remote-1"), localAffinity: true), kit.TestActor);
        var end = kit.FishForMessage<DeploymentView>(view => view.HasEnded, TimeSpan.FromSeconds(60));

        Assert.IsType<GatewayProtocol.Accepted>(accepted);
        Assert.Equal(DeploymentStatus.Succeeded, end.Status);
    }
}
