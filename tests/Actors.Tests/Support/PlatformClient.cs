using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Remote.Hosting;
using AmiOrchestrator.Actors.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AmiOrchestrator.Actors.Tests.Support;

/// <summary>
/// A process of the platform outside the cluster: remoting only, the engine's serialization, and a ClusterClient
/// pointed at a node's receptionist, the way the command-line client reaches the engine.
/// </summary>
internal sealed class PlatformClient : IAsyncDisposable
{
    private readonly IHost host;

    private PlatformClient(IHost host, IActorRef clusterClient, Akka.TestKit.Xunit2.TestKit kit)
    {
        this.host = host;
        ClusterClient = clusterClient;
        Kit = kit;
    }

    public IActorRef ClusterClient { get; }

    public Akka.TestKit.Xunit2.TestKit Kit { get; }

    public static async Task<PlatformClient> StartAsync(string receptionist, ITestOutputHelper output)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("platform", akka => akka
            .AddHocon(Akka.TestKit.Xunit2.TestKit.DefaultConfig, HoconAddMode.Append)
            .WithRemoting(new RemoteOptions { HostName = "127.0.0.1", Port = 0 })
            // A remote-only client must load distributed pub-sub's defaults, or the ClusterClient envelope (and the
            // message inside it) is serialized by the type-name fallback, which strict serialization refuses.
            .AddHocon(DistributedPubSub.DefaultConfig(), HoconAddMode.Append)
            .WithAmiOrchestratorSerialization()
            .WithClusterClient<PlatformClient>([receptionist]));
        var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        Akka.TestKit.Xunit2.TestKit? kit = null;
        // See EngineNode: a TestKit made on a pool thread can have its test actor stopped by other actors' continuations.
        var creator = new Thread(() => kit = new Akka.TestKit.Xunit2.TestKit(system, output));
        creator.Start();
        creator.Join();
        return new PlatformClient(host, ActorRegistry.For(system).Get<PlatformClient>(), kit!);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Kit.Dispose();
    }
}
