using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AmiOrchestrator.Actors.Tests.Support;

/// <summary>
/// One engine node as production wires it (<see cref="AmiOrchestratorHosting.WithAmiOrchestrator"/> in a generic
/// host), on a free loopback port, joined to itself, with a TestKit on its actor system. Several may run at once,
/// and one may follow another on the same database to test recovery.
/// </summary>
internal sealed class EngineNode : IAsyncDisposable
{
    private readonly IHost host;

    private EngineNode(IHost host, ActorSystem system, ITestOutputHelper output)
    {
        this.host = host;
        System = system;
        // The TestKit makes its test actor the calling thread's "current actor" (a thread-static, for implicit senders).
        // Made on a pool thread, that thread would later run other actors' task continuations as if inside the test
        // actor, and one of them stopped it (seen here: the test actor dead after its first message). A thread of its
        // own keeps that state away from the pool.
        Akka.TestKit.Xunit2.TestKit? kit = null;
        var creator = new Thread(() => kit = new Akka.TestKit.Xunit2.TestKit(system, output));
        creator.Start();
        creator.Join();
        Kit = kit!;
    }

    public ActorSystem System { get; }

    public Akka.TestKit.Xunit2.TestKit Kit { get; }

    public ActorRegistry Registry => ActorRegistry.For(System);

    public IActorRef Lineages => Registry.Get<LineageRegion>();

    public IActorRef Deployments => Registry.Get<DeploymentRegion>();

    /// <summary>Starts a node and returns once it is an Up member of its cluster.</summary>
    public static async Task<EngineNode> StartAsync(
        PersistenceOptions persistence,
        ITestOutputHelper output,
        TimeProvider? time = null,
        Action<AkkaConfigurationBuilder>? configure = null,
        Action<IServiceCollection>? services = null,
        Func<AmiOrchestratorOptions, AmiOrchestratorOptions>? options = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (time is not null)
            builder.Services.AddSingleton(time);
        services?.Invoke(builder.Services);
        builder.Services.AddAkka(AmiOrchestratorOptions.ActorSystemName, akka =>
        {
            akka.AddHocon(Akka.TestKit.Xunit2.TestKit.DefaultConfig, HoconAddMode.Append);
            var engine = new AmiOrchestratorOptions { Port = 0, Persistence = persistence };
            akka.WithAmiOrchestrator(options?.Invoke(engine) ?? engine);
            configure?.Invoke(akka);
        });
        var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var up = new TaskCompletionSource();
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new EngineNode(host, system, output);
    }

    public async ValueTask DisposeAsync()
    {
        // The host leaves the cluster and terminates the actor system (coordinated shutdown); the TestKit then finds it gone.
        await host.StopAsync();
        host.Dispose();
        Kit.Dispose();
    }
}
