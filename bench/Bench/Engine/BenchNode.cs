using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Bench.Engine;

/// <summary>
/// One engine node wired as production wires it (<c>WithAmiOrchestrator</c> and <c>AddAmiOrchestratorEngine</c> in a
/// generic host) on a free loopback port, with a cloud provider for the simulated region. The host logs errors only: a
/// step's information lines would measure the console, and the journal scenario's stand-in writers make the read model
/// warn about every event it skips.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private readonly IHost host;

    private BenchNode(IHost host, ActorSystem system)
    {
        this.host = host;
        System = system;
        Gateway = ActorRegistry.For(system).Get<DeploymentGatewayKey>();
    }

    public ActorSystem System { get; }

    public IActorRef Gateway { get; }

    /// <summary>Starts a node and returns once it is an Up member of its own cluster.</summary>
    public static async Task<BenchNode> StartAsync(
        PersistenceOptions persistence,
        ICloudProvider cloud,
        TimeProvider clock,
        int watcherGroupsPerDescribe = 50,
        int port = 0,
        Action<AkkaConfigurationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error).AddSimpleConsole(console => console.SingleLine = true))
            .AddSingleton(clock)
            .AddSingleton(cloud)
            .AddAmiOrchestratorEngine(new StepExecutorOptions());
        builder.Services.AddAkka(AmiOrchestratorOptions.ActorSystemName, akka =>
        {
            akka.WithAmiOrchestrator(new AmiOrchestratorOptions
            {
                Port = port,
                Persistence = persistence,
                WatcherGroupsPerDescribe = watcherGroupsPerDescribe,
                // The zero-boot throughput scenario polls every 100 ms, the smallest a spec may ask for; the node's
                // default floor (5 s) would measure the floor, not the engine. The other scenarios poll every 15 s.
                MinimumPollInterval = TimeSpan.FromMilliseconds(100),
                // One gateway ask covers a lineage admission and a journal write; under a 10,000-deployment burst the
                // journal queues, and a refused submission would only be sent again.
                CommandTimeout = TimeSpan.FromMinutes(2),
            });
            configure?.Invoke(akka);
        });
        var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var up = new TaskCompletionSource();
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new BenchNode(host, system);
    }

    /// <summary>
    /// Submits through the gateway, as a platform would: a refusal the engine calls retryable (it did not answer in
    /// time; a submission is idempotent by its id) is sent again, as the contract says; any other refusal throws with
    /// the engine's words.
    /// </summary>
    public async Task SubmitAsync(string deploymentId, DeploymentSpec spec)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await Gateway.Ask<object>(new GatewayProtocol.Submit(deploymentId, "bench", Spec: spec), TimeSpan.FromMinutes(3));
            if (answer is not GatewayProtocol.Rejected rejected)
                return;
            if (!rejected.Retryable || attempt == 5)
                throw new InvalidOperationException($"{deploymentId} refused (attempt {attempt}): {rejected.Reason} {string.Join("; ", rejected.Problems)}");
            Console.Error.WriteLine($"{deploymentId}: {rejected.Reason}; sending it again");
        }
    }

    /// <summary>Submits <paramref name="count"/> deployments, at most <paramref name="parallel"/> submissions awaiting an answer at once.</summary>
    public async Task SubmitAllAsync(int count, Func<int, DeploymentSpec> spec, int parallel)
    {
        using var slots = new SemaphoreSlim(parallel);
        var submissions = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await slots.WaitAsync();
            var index = i;
            submissions.Add(Task.Run(async () =>
            {
                try
                {
                    await SubmitAsync(Cloud.Fleet.DeploymentId(index), spec(index));
                }
                finally
                {
                    slots.Release();
                }
            }));
        }
        await Task.WhenAll(submissions);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
