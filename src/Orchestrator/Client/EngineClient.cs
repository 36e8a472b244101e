using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Remote.Hosting;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Serialization;
using AmiOrchestrator.Orchestrator.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Orchestrator.Client;

/// <summary>
/// The platform's way into the engine from outside the cluster: an actor system with remoting only and a ClusterClient
/// that reaches the gateway and query actors of whichever node it is connected to. ClusterClient delivers at most
/// once, so every request is asked again until answered (every command is idempotent by deployment id), and a watch is
/// renewed now and then, which also carries it across a node's death and keeps the receptionist's reply tunnel open.
/// </summary>
internal sealed class EngineClient : IAsyncDisposable
{
    private const string Gateway = "/user/gateway";
    private const string Queries = "/user/queries";

    /// <summary>
    /// The client notices a dead node after about 4 s (a heartbeat a second, 3 s of patience, where the defaults of 2 s and
    /// 13 s took ~16 s) and moves to another contact; <c>localAffinity</c> sends then go to the gateway of the node it
    /// is connected to. The first receptionist is asked every second until one answers. A client's own log goes
    /// where its host sends it (nowhere, for the verbs that only print), never to standard output.
    /// </summary>
    private const string ClientSettings = """
        akka {
          stdout-loglevel = OFF
          loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          cluster.client {
            heartbeat-interval = 1s
            acceptable-heartbeat-pause = 3s
            establishing-get-contacts-interval = 1s
          }
        }
        """;

    /// <summary>How long one attempt waits for its answer before the request is sent again.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A watch is sent again this often. Every renewal is answered with the current view, so the receptionist's reply
    /// tunnel (closed after 30 s without a message) never idles out, and after a node's death the deployment, started
    /// again on another node, gets the watcher back within this long.
    /// </summary>
    private static readonly TimeSpan WatchRenewal = TimeSpan.FromSeconds(5);

    private readonly IHost host;
    private readonly ActorSystem system;
    private readonly IActorRef clusterClient;
    private readonly IReadOnlyList<Contact> contacts;

    private EngineClient(IHost host, IReadOnlyList<Contact> contacts)
    {
        this.host = host;
        this.contacts = contacts;
        system = host.Services.GetRequiredService<ActorSystem>();
        clusterClient = ActorRegistry.For(system).Get<EngineClient>();
    }

    /// <summary>How long a request is asked again before the client gives up on the cluster.</summary>
    public required TimeSpan Patience { get; init; }

    /// <summary>How long a watch waits, renewing, without any answer before it gives up on the cluster.</summary>
    public TimeSpan WatchPatience => Patience > TimeSpan.FromMinutes(2) ? Patience : TimeSpan.FromMinutes(2);

    public static async Task<EngineClient> ConnectAsync(IReadOnlyList<Contact> contacts, TimeSpan patience, ILoggerProvider? log, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (log is not null)
            builder.Logging.AddProvider(log);
        // Replies come back over the connection to the node when they can; a node on another machine may also dial back,
        // so a client of remote contacts listens on every interface under the machine's name.
        var local = contacts.All(c => c.IsLoopback);
        builder.Services.AddAkka("ami-orchestrator-cli", akka => akka
            .AddHocon(ClientSettings, HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithRemoting(new RemoteOptions
            {
                HostName = local ? "127.0.0.1" : "0.0.0.0",
                PublicHostName = local ? null : System.Net.Dns.GetHostName(),
                Port = 0,
            })
            // Without distributed pub-sub's defaults a remote-only system serializes the ClusterClient envelope (and the
            // message in it) by type name, which strict serialization refuses.
            .AddHocon(DistributedPubSub.DefaultConfig(), HoconAddMode.Append)
            .WithAmiOrchestratorSerialization()
            .WithClusterClient<EngineClient>(contacts.Select(c => c.Receptionist).ToList()));
        var clientHost = builder.Build();
        await clientHost.StartAsync(cancellationToken);
        return new EngineClient(clientHost, contacts) { Patience = patience };
    }

    public Task<object> CommandAsync(object command, CancellationToken cancellationToken) => AskAsync(Gateway, command, cancellationToken);

    public Task<object> QueryAsync(object query, CancellationToken cancellationToken) => AskAsync(Queries, query, cancellationToken);

    /// <summary>The deployment's view, or a <see cref="CliFailure"/> (not found) when no deployment has the id.</summary>
    public async Task<DeploymentView> GetAsync(string deploymentId, CancellationToken cancellationToken) =>
        await QueryAsync(new QueryProtocol.Get(deploymentId), cancellationToken) switch
        {
            DeploymentView view => view,
            QueryProtocol.NotFound notFound => throw new CliFailure(ExitCodes.NotFound, notFound.Message),
            var other => throw Unexpected(other),
        };

    /// <summary>
    /// Every change of the deployment, from its view now until it ends, each once: views are ordered by the number of
    /// events they reflect, and a repeat (the answer to a renewal) is passed over.
    /// </summary>
    public async IAsyncEnumerable<DeploymentView> WatchAsync(string deploymentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answers = Channel.CreateUnbounded<object>();
        var receiver = system.ActorOf(Props.Create(() => new WatchReceiver(answers.Writer)));
        var clock = TimeProvider.System;
        try
        {
            DeploymentView? last = null;
            var lastHeard = clock.GetTimestamp();
            while (true)
            {
                clusterClient.Tell(new ClusterClient.Send(Queries, new QueryProtocol.Watch(deploymentId), localAffinity: true), receiver);
                var renewAt = clock.GetTimestamp();
                while (clock.GetElapsedTime(renewAt) < WatchRenewal)
                {
                    if (!await WaitForAnswerAsync(answers.Reader, WatchRenewal - clock.GetElapsedTime(renewAt), cancellationToken))
                        continue;
                    while (answers.Reader.TryRead(out var answer))
                    {
                        lastHeard = clock.GetTimestamp();
                        if (answer is QueryProtocol.NotFound notFound)
                            throw new CliFailure(ExitCodes.NotFound, notFound.Message);
                        if (answer is not DeploymentView view || (last is not null && (view.Version < last.Version || view == last)))
                            continue;
                        last = view;
                        yield return view;
                        if (view.HasEnded)
                            yield break;
                    }
                }
                if (clock.GetElapsedTime(lastHeard) > WatchPatience)
                    throw Unreachable(WatchPatience);
            }
        }
        finally
        {
            clusterClient.Tell(new ClusterClient.Send(Queries, new QueryProtocol.Unwatch(deploymentId), localAffinity: true), receiver);
            system.Stop(receiver);
        }
    }

    /// <summary>
    /// The lineage's groups once the read model reflects the deployment's end (it follows the journal by a fraction of a
    /// second), or null when it has not within a few seconds.
    /// </summary>
    public async Task<LineageHistory?> LineageAfterAsync(DeploymentView ended, CancellationToken cancellationToken)
    {
        if (ended.Lineage is not { } lineage)
            return null;
        var clock = TimeProvider.System;
        var start = clock.GetTimestamp();
        while (clock.GetElapsedTime(start) < TimeSpan.FromSeconds(10))
        {
            if (await QueryAsync(new ReadModelProtocol.GetDeployment(ended.DeploymentId), cancellationToken) is ReadModelProtocol.DeploymentFound { Deployment.Summary.Status: var status }
                && status == ended.Status)
            {
                return await QueryAsync(new ReadModelProtocol.GetLineage(lineage), cancellationToken) as LineageHistory;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    public static InvalidOperationException Unexpected(object answer) => new($"the engine answered with an unexpected {answer.GetType().Name}");

    private async Task<object> AskAsync(string service, object message, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var start = clock.GetTimestamp();
        while (true)
        {
            var remaining = Patience - clock.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
                throw Unreachable(Patience);
            try
            {
                var answer = await clusterClient.Ask<object>(
                    new ClusterClient.Send(service, message, localAffinity: true),
                    remaining < AttemptTimeout ? remaining : AttemptTimeout,
                    cancellationToken);
                // "Nothing is known to have happened": the same command is safe to send again while there is time.
                if (answer is GatewayProtocol.Rejected { Retryable: true } && clock.GetElapsedTime(start) < Patience)
                    continue;
                return answer;
            }
            catch (AskTimeoutException)
            {
                // At most once: the request or its answer was lost, or a node is slow. Ask again.
            }
        }
    }

    private static async Task<bool> WaitForAnswerAsync(ChannelReader<object> reader, TimeSpan within, CancellationToken cancellationToken)
    {
        if (within <= TimeSpan.Zero)
            return false;
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).AsTask().WaitAsync(within, TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private CliFailure Unreachable(TimeSpan within) => new(
        ExitCodes.Unreachable,
        $"no node answered at {string.Join(", ", contacts)} within {within.TotalSeconds:0} s; is `ami-orchestrator serve` running?");

    /// <summary>Hands what the engine pushes (views, not-found) to the watch's reader.</summary>
    private sealed class WatchReceiver : ReceiveActor
    {
        public WatchReceiver(ChannelWriter<object> answers) => ReceiveAny(message => answers.TryWrite(message));
    }
}
