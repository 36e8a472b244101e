using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Aws;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Orchestrator.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Orchestrator.Hosting;

/// <summary>One engine node inside a host: the clock, the cloud, the step executor and the actor system.</summary>
internal static class NodeHosting
{
    /// <summary>
    /// Adds the node's services. <paramref name="time"/> is the one clock of the node: the engine's timers, deadlines
    /// and polls, the call budget, and (when the simulator runs in the same process) the simulated region all follow it,
    /// so a sped-up demo compresses every duration alike. <paramref name="aws"/> is where the cloud is.
    /// </summary>
    public static IHostApplicationBuilder AddNode(
        this IHostApplicationBuilder builder, NodeSettings settings, TimeProvider time, AwsOptions aws, Action<AkkaConfigurationBuilder>? configure = null)
    {
        builder.Services.AddSingleton(time);
        // One provider for the process: one HTTP client and one call budget shared by every deployment of the node.
        builder.Services.AddSingleton<ICloudProvider>(_ => new AwsCloudProvider(aws, time));
        builder.Services.AddAmiOrchestratorEngine();
        builder.Services.AddAkka(AmiOrchestratorOptions.ActorSystemName, (akka, provider) =>
        {
            akka.WithAmiOrchestrator(settings.Engine).AddStartup((system, _) =>
            {
                var log = provider.GetRequiredService<ILoggerFactory>().CreateLogger("AmiOrchestrator.Node");
                var cluster = Cluster.Get(system);
                cluster.RegisterOnMemberUp(() => log.LogInformation(
                    "Node {Address} is up (roles {Roles}); clients reach it with --contact {Contact}",
                    cluster.SelfAddress,
                    string.Join(",", cluster.SelfRoles),
                    $"{cluster.SelfAddress.Host}:{cluster.SelfAddress.Port}"));
            });
            configure?.Invoke(akka);
        });
        return builder;
    }

    /// <summary>Completes once the node is an Up member of its cluster (a single node joins itself at once).</summary>
    public static async Task<Address> WhenUpAsync(IServiceProvider services, TimeSpan within, CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(services.GetRequiredService<ActorSystem>());
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await up.Task.WaitAsync(within, TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new Cli.CliFailure(Cli.ExitCodes.Unreachable, $"the node did not join its cluster within {within.TotalSeconds:0} s");
        }
        return cluster.SelfAddress;
    }
}
