using System.CommandLine;
using System.Globalization;
using AmiOrchestrator.Orchestrator.Configuration;
using AmiOrchestrator.Orchestrator.Hosting;
using AmiOrchestrator.Simulator;
using AmiOrchestrator.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>One node of a cluster, until it is stopped (Ctrl+C, SIGTERM).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "A JSON settings file (deploy/appsettings has examples); see the README's configuration reference.", HelpName = "FILE" };
        var data = new Option<string?>("--data") { Description = "The folder of the SQLite journal (Persistence:DataFolder, default ./data).", HelpName = "DIR" };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (Persistence:Postgres); every node of a cluster uses the same database.", HelpName = "CONN" };
        var cloudEndpoint = new Option<Uri?>("--cloud-endpoint") { CustomParser = AbsoluteUrl.Parse, Description = "One endpoint for every AWS service, such as a simulator (Cloud:Aws:EndpointUrl).", HelpName = "URL" };
        var fixtures = new Option<string?>("--fixtures") { Description = "Run a simulated region inside the node, loaded from this file (Cloud:Provider=simulator).", HelpName = "FILE" };
        var host = new Option<string?>("--cluster-host") { Description = "The address the node's cluster port binds to (Engine:Hostname, default 127.0.0.1).", HelpName = "HOST" };
        var publicHost = new Option<string?>("--public-host") { Description = "The address other nodes and clients dial, when it differs (Engine:PublicHostname).", HelpName = "HOST" };
        var port = new Option<int?>("--cluster-port") { Description = "The node's cluster port (Engine:Port, default 4053); clients use it as --contact.", HelpName = "P" };
        var seeds = new Option<string[]>("--seed") { Description = "A node to join, HOST:PORT (Engine:Seeds); repeat it. Give every node the same seeds; none: the node forms a cluster of its own.", HelpName = "HOST:PORT" };
        var roles = new Option<string[]>("--role") { Description = "A cluster role (Engine:Roles, default engine: nodes with it run deployments).", HelpName = "ROLE" };
        var urls = new Option<string?>("--urls") { Description = "Where the node serves HTTP (Urls, default http://127.0.0.1:4080).", HelpName = "URL" };
        var speed = new Option<double?>("--clock-speed") { CustomParser = OptionValues.Speed, Description = "Run the node's clock N times faster, for tests and demos against a simulator (Clock:Speed).", HelpName = "N" };
        var command = new Command("serve", """
            Run one node of the engine until stopped (Ctrl+C or SIGTERM). Settings come from appsettings.json, --config,
            AMI_ORCHESTRATOR_* environment variables and these options (last wins); every problem is named at start (exit 2).
            Nodes of one cluster share one PostgreSQL database; run one node, or three or more (two cannot survive the loss of one).
            Exits 10 when the database cannot be reached.

            Examples:
              ami-orchestrator serve
              ami-orchestrator serve --data /var/lib/ami-orchestrator --cloud-endpoint http://127.0.0.1:4566 --clock-speed 10
              ami-orchestrator serve --postgres "Host=db;Username=ami;Password=..." --cluster-port 4053 --seed 10.0.0.5:4053 --seed 10.0.0.6:4053 --seed 10.0.0.7:4053 --urls http://0.0.0.0:4080
              AMI_ORCHESTRATOR_Engine__StableAfter=5s ami-orchestrator serve --config deploy/appsettings/cluster-node.json
            """)
        {
            config, data, postgres, cloudEndpoint, fixtures, host, publicHost, port, seeds, roles, urls, speed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            void Set(string key, string? value)
            {
                if (value is not null)
                    overrides[key] = value;
            }
            Set("Persistence:DataFolder", parse.GetValue(data));
            Set("Persistence:Postgres", parse.GetValue(postgres));
            if (parse.GetValue(cloudEndpoint) is { } endpoint)
            {
                Set("Cloud:Provider", nameof(CloudProvider.Aws));
                Set("Cloud:Aws:EndpointUrl", endpoint.ToString());
            }
            if (parse.GetValue(fixtures) is { } file)
            {
                Set("Cloud:Provider", nameof(CloudProvider.Simulator));
                Set("Cloud:Simulator:Fixtures", Path.GetFullPath(file));
            }
            Set("Engine:Hostname", parse.GetValue(host));
            Set("Engine:PublicHostname", parse.GetValue(publicHost));
            Set("Engine:Port", parse.GetValue(port)?.ToString(CultureInfo.InvariantCulture));
            foreach (var (seed, i) in (parse.GetValue(seeds) ?? []).Select((s, i) => (s, i)))
                Set($"Engine:Seeds:{i}", seed);
            foreach (var (role, i) in (parse.GetValue(roles) ?? []).Select((r, i) => (r, i)))
                Set($"Engine:Roles:{i}", role);
            Set("Urls", parse.GetValue(urls));
            Set("Clock:Speed", parse.GetValue(speed)?.ToString(CultureInfo.InvariantCulture));
            return await ServeAsync(parse.GetValue(config)?.FullName, overrides, cancellationToken);
        });
        command.Validators.Add(result =>
        {
            if (result.Given(cloudEndpoint) && result.Given(fixtures))
                result.AddError("--cloud-endpoint and --fixtures exclude each other: a node deploys to one cloud");
            if (result.Given(data) && result.Given(postgres))
                result.AddError("--data and --postgres exclude each other: the node keeps one journal");
        });
        return command;
    }

    private static async Task<int> ServeAsync(string? configFile, IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationManager();
        configuration.AddNodeSources(configFile, overrides);
        var settings = NodeConfiguration.Read(configuration);
        await DatabaseCheck.EnsureReachableAsync(settings.Engine.Persistence, cancellationToken);
        var time = Clocks.At(settings.ClockSpeed);
        await using var simulator = settings.Cloud == CloudProvider.Simulator
            ? await InProcessSimulator.StartAsync(settings.SimulatorFixtures, time, configuration["Cloud:Simulator:Url"] ?? "http://127.0.0.1:0", cancellationToken)
            : null;
        var aws = simulator is null ? settings.Aws : InProcessSimulator.ClientOptions(settings.Aws, simulator);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        // Structured console logging (Logging:Console:FormatterName simple, json or systemd); the engine's Akka log joins it.
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddConsole();
        builder.WebHost.UseUrls(settings.Urls);
        builder.AddNode(settings, time, aws);
        builder.Services.AddAmiOrchestratorWeb(settings.Web);
        await using var app = builder.Build();
        app.MapAmiOrchestratorWeb();
        await app.StartAsync(cancellationToken);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AmiOrchestrator.Node");
        log.LogInformation(
            "Serving the dashboard and HTTP API on {Urls} (reads {Reads}, writes {Writes}); journal in {Journal}; cloud {Cloud}; clock speed {Speed}",
            string.Join(", ", app.Urls),
            settings.Web.ReadToken is null ? "open" : "need Web:ReadToken",
            settings.Web.WriteToken is null ? "refused until Web:WriteToken is set" : "need Web:WriteToken",
            settings.Engine.Persistence.UsesPostgres ? "PostgreSQL" : Path.GetFullPath(settings.Engine.Persistence.EffectiveSqlitePath),
            aws.EndpointUrl?.ToString() ?? "AWS",
            settings.ClockSpeed);
        if (simulator is not null)
            log.LogInformation("Simulated region on {Endpoint} (keys {AccessKeyId} / {SecretAccessKey})", simulator.Endpoint, SimulatedAccount.Default.AccessKeyId, SimulatedAccount.Default.SecretAccessKey);
        await app.WaitForShutdownAsync(cancellationToken);
        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }
}
