using System.Net.Http.Headers;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Steps;
using AmiOrchestrator.Steps.Timing;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.TestSupport.Cloud;
using AmiOrchestrator.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Web.Tests.Support;

/// <summary>
/// An engine node with its web surface, wired as the product's host wires it: a WebApplication on a free loopback port
/// whose services hold the engine (<c>AddAkka</c> + <c>WithAmiOrchestrator</c>, on a real SQLite file) and the web surface
/// (<c>AddAmiOrchestratorWeb</c> + <c>MapAmiOrchestratorWeb</c>), deploying into the simulated region over real HTTP.
/// Engine and simulator share one clock sped up <see cref="Speed"/> times, so a canary takes seconds.
/// </summary>
internal sealed class WebNode : IAsyncDisposable
{
    public const double Speed = 50;
    public const string ReadToken = "read-token-0123456789";
    public const string WriteToken = "write-token-0123456789";

    private readonly TestFolder? folder;

    private WebNode(WebApplication app, SimulatedRegion region, TestFolder? folder, Uri address)
    {
        App = app;
        Region = region;
        this.folder = folder;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public SimulatedRegion Region { get; }

    public Uri Address { get; }

    /// <summary>A client with no token; <see cref="Client"/> makes one that carries a token.</summary>
    public HttpClient Http { get; }

    public ActorSystem System => App.Services.GetRequiredService<ActorSystem>();

    /// <summary>
    /// Starts the region and the node, and returns once the node is an Up member of its cluster. Tokens are the
    /// <see cref="WriteToken"/> (and no read token) unless <paramref name="settings"/> say otherwise.
    /// </summary>
    public static async Task<WebNode> StartAsync(
        TestOutput output,
        IReadOnlyDictionary<string, string?>? settings = null,
        PersistenceOptions? persistence = null,
        double speed = Speed)
    {
        TestFolder? folder = persistence is null ? new TestFolder() : null;
        persistence ??= new PersistenceOptions { SqlitePath = folder!.File("engine.db") };
        var region = await SimulatedRegion.StartAsync(new ScaledTimeProvider(speed));
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?> { ["Web:WriteToken"] = WriteToken });
            builder.Logging.ClearProviders().AddProvider(new TestOutputLoggerProvider(output));
            builder.Services
                .AddSingleton(region.Clock)
                .AddSingleton<ICloudProvider>(region.Provider)
                .AddAmiOrchestratorEngine(new StepExecutorOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(200), RetryMaxDelay = TimeSpan.FromSeconds(5) })
                .AddAkka(AmiOrchestratorOptions.ActorSystemName, akka => akka
                    .WithAmiOrchestrator(new AmiOrchestratorOptions { Port = 0, Persistence = persistence })
                    // A node in a test should come up (and its remembered entities start) in well under a second.
                    .AddHocon(
                        """
                        akka.cluster.sharding.retry-interval = 200ms
                        akka.cluster.sharding.coordinator-failure-backoff = 500ms
                        akka.coordinated-shutdown.exit-clr = off
                        """,
                        HoconAddMode.Prepend))
                .AddAmiOrchestratorWeb(builder.Configuration);
            app = builder.Build();
            app.MapAmiOrchestratorWeb();
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            var up = new TaskCompletionSource();
            Cluster.Get(app.Services.GetRequiredService<ActorSystem>()).RegisterOnMemberUp(() => up.TrySetResult());
            await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new WebNode(app, region, folder, address);
        }
        catch
        {
            // A node that did not start (invalid options, say) leaves nothing running behind it.
            if (app is not null)
                await app.DisposeAsync();
            await region.DisposeAsync();
            folder?.Dispose();
            throw;
        }
    }

    /// <summary>A client of the node that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Region.DisposeAsync();
        folder?.Dispose();
    }
}
