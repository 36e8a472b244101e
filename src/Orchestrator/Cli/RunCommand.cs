using System.CommandLine;
using Akka.Hosting;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Aws;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Orchestrator.Client;
using AmiOrchestrator.Orchestrator.Configuration;
using AmiOrchestrator.Orchestrator.Display;
using AmiOrchestrator.Orchestrator.Hosting;
using AmiOrchestrator.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

using Spectre.Console;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>
/// The one-command demo and the single-shot job: an embedded node on SQLite deploys one spec, submitted and followed
/// through the cluster client like any platform would, into the simulated region in the same process or into the
/// AWS-compatible endpoint given.
/// </summary>
internal static class RunCommand
{
    /// <summary>
    /// The in-process region's speed. Engine and simulator share one clock at this speed, so every duration of the demo
    /// (75 s boots, a 120 s bootstrap hook, 15 s polls, 5 and 2 minute bakes, 10 minute deadlines) shrinks alike and no
    /// deadline disagrees with a boot time; the example canary's ~20 simulated minutes take about a minute.
    /// </summary>
    public const double DemoSpeed = 20;

    private const string DemoDatabase = "demo.db";

    public static Command Create()
    {
        var spec = new Argument<FileInfo>("SPEC") { Description = "The deployment spec, a JSON file (deploy/examples has some)." };
        var cloudEndpoint = new Option<Uri?>("--cloud-endpoint")
        {
            CustomParser = AbsoluteUrl.Parse,
            Description = "Deploy through this AWS-compatible endpoint instead of the in-process simulator; keys come from the AWS environment variables or credentials chain.",
            HelpName = "URL",
        };
        var fixtures = new Option<FileInfo?>("--fixtures") { Description = "The simulated region to deploy into (default: deploy/simulator/example.json).", HelpName = "FILE" };
        var data = new Option<string>("--data") { Description = "The folder of the node's database and log (default ./data).", HelpName = "DIR", DefaultValueFactory = _ => "./data" };
        var approve = new Option<bool>("--approve") { Description = "Approve every manual gate as it comes. Without it a terminal asks; a script is told how to approve from another shell." };
        var id = new Option<string?>("--id") { Description = "The deployment's id (default: a new one)." };
        var speed = new Option<double?>("--clock-speed")
        {
            CustomParser = OptionValues.Speed,
            Description = $"Simulated seconds per real second: default {DemoSpeed} with the in-process simulator; with --cloud-endpoint 1, or the simulator's own --clock-speed.",
            HelpName = "N",
        };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON settings file (AWS client settings, call budget, logging, Web tokens).", HelpName = "FILE" };
        var urls = new Option<string>("--urls")
        {
            Description = "Where the node serves the dashboard and HTTP API while the deployment runs (default: a free loopback port, printed at start).",
            HelpName = "URL",
            DefaultValueFactory = _ => "http://127.0.0.1:0",
        };
        var output = new ClientOptions().Output;
        var command = new Command("run", $"""
            Deploy one spec with an embedded single node (SQLite under --data) and follow it live to its end, then print
            the lineage's groups. By default it deploys into a simulated region in the same process, on a clock {DemoSpeed}x
            faster (a fresh region and database each time); with --cloud-endpoint into any AWS-compatible endpoint (the
            database then persists, and an unfinished deployment carries on at the next run).
            {ExitCodes.Legend}

            Examples:
              ami-orchestrator run deploy/examples/canary.json --approve
              ami-orchestrator run deploy/examples/basic.json --output json | tail -n 1
              ami-orchestrator run spec.json --fixtures my-region.json --clock-speed 50
              ami-orchestrator run spec.json --cloud-endpoint http://127.0.0.1:4566 --clock-speed 10 --approve
            """)
        {
            spec, cloudEndpoint, fixtures, data, approve, id, speed, config, urls, output,
        };
        command.Validators.Add(result =>
        {
            if (result.Given(cloudEndpoint) && result.Given(fixtures))
                result.AddError("--cloud-endpoint and --fixtures exclude each other: --fixtures loads the in-process simulator");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var endpoint = parse.GetValue(cloudEndpoint);
            var job = new Job(
                parse.GetValue(spec)!,
                endpoint,
                parse.GetValue(fixtures)?.FullName,
                parse.GetValue(data)!,
                parse.GetValue(approve),
                parse.GetValue(id) ?? Submission.NewId("run"),
                parse.GetValue(speed) ?? (endpoint is null ? DemoSpeed : 1),
                parse.GetValue(config)?.FullName,
                parse.GetValue(urls)!,
                new Terminal(parse.GetValue(output)));
            return await RunAsync(job, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Job job, CancellationToken cancellationToken)
    {
        var specJson = await Submission.ReadSpecAsync(job.Spec, cancellationToken);
        var configuration = new ConfigurationManager();
        var inProcess = job.Endpoint is null;
        configuration.AddNodeSources(job.ConfigFile, new Dictionary<string, string?>
        {
            ["Clock:Speed"] = job.Speed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cloud:Provider"] = (inProcess ? CloudProvider.Simulator : CloudProvider.Aws).ToString(),
            ["Cloud:Aws:EndpointUrl"] = job.Endpoint?.ToString(),
            ["Cloud:Simulator:Fixtures"] = job.Fixtures,
        });
        var read = NodeConfiguration.Read(configuration);
        // The in-process region lives as long as the process: a journal of a former run would describe a region that no
        // longer exists, so the demo starts from an empty database. A real endpoint's region persists, and so does its journal.
        var database = Path.Combine(job.DataFolder, inProcess ? DemoDatabase : NodeConfiguration.DatabaseFileName);
        if (inProcess)
            DeleteDatabase(database);
        var settings = read with
        {
            // One embedded node nobody else dials: loopback, any free port, a cluster of its own, the SQLite journal.
            Engine = read.Engine with
            {
                Hostname = "127.0.0.1",
                PublicHostname = null,
                Port = 0,
                SeedNodes = [],
                Roles = [AmiOrchestratorOptions.EngineRole],
                Persistence = new PersistenceOptions { SqlitePath = database },
            },
            DataFolder = job.DataFolder,
        };
        await DatabaseCheck.EnsureReachableAsync(settings.Engine.Persistence, cancellationToken);

        var time = Clocks.At(job.Speed);
        await using var simulator = inProcess
            ? await InProcessSimulator.StartAsync(settings.SimulatorFixtures, time, "http://127.0.0.1:0", cancellationToken)
            : null;
        var aws = simulator is null ? settings.Aws : InProcessSimulator.ClientOptions(settings.Aws, simulator);
        if (!inProcess)
            await CheckCloudAsync(specJson, aws, time, cancellationToken);

        var logPath = Path.GetFullPath(Path.Combine(job.DataFolder, "ami-orchestrator.log"));
        using var log = new FileLoggerProvider(logPath, LogLevel.Warning);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Akka's own console logger speaks before the host's logging starts and after it stops; the live view and
        // --output json own the console, so it stays quiet (the engine log has everything from warnings up).
        builder.AddNode(settings, time, aws, akka => akka.AddHocon("akka.stdout-loglevel = OFF", HoconAddMode.Prepend));
        // The node serves its dashboard while the deployment runs, as serve does, so the demo can be watched there too.
        builder.WebHost.UseUrls(job.Urls);
        builder.Services.AddAmiOrchestratorWeb(settings.Web);
        await using var host = builder.Build();
        host.MapAmiOrchestratorWeb();
        await host.StartAsync(cancellationToken);
        try
        {
            var address = await NodeHosting.WhenUpAsync(host.Services, TimeSpan.FromSeconds(30), cancellationToken);
            var contact = new Contact(address.Host!, address.Port!.Value);
            await using var engine = await EngineClient.ConnectAsync([contact], TimeSpan.FromSeconds(30), log, cancellationToken);
            job.Terminal.Human.WriteLine(
                $"Deploying {job.Spec.Name} as {job.DeploymentId} into {(simulator is null ? job.Endpoint!.ToString() : "the simulated region")} " +
                $"(clock {job.Speed}x; node {contact}; engine log {logPath})");
            job.Terminal.Human.WriteLine(
                $"Dashboard: {host.Urls.First().TrimEnd('/')}/ while the deployment runs " +
                (settings.Web.WriteToken is null ? "(read-only: set Web:WriteToken to approve or roll back from it)" : "(its buttons ask for Web:WriteToken)"));
            await Submission.SubmitAsync(engine, job.DeploymentId, specJson, cancellationToken);
            var approvals = job.Approve ? Approvals.Approve : job.Terminal.IsInteractive ? Approvals.Ask : Approvals.Tell;
            var end = await new DeploymentFollower(engine, job.Terminal, approvals, contact.ToString()).FollowAsync(job.DeploymentId, cancellationToken);
            return await Ending.ReportAsync(engine, job.Terminal, end, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Asks the endpoint for the spec's base group before anything starts, so that an endpoint nobody serves is reported
    /// at once (exit 10) rather than as a deployment that fails its setup after its deadline. A spec that cannot be read
    /// is left to the engine, which names every problem.
    /// </summary>
    private static async Task CheckCloudAsync(string specJson, AwsOptions aws, TimeProvider time, CancellationToken cancellationToken)
    {
        if (SpecReader.Read(specJson).Spec is not { } spec)
            return;
        using var provider = new AwsCloudProvider(aws, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await provider.For(new CloudTarget(spec.Infrastructure.Region, spec.Infrastructure.RoleArn))
                .DescribeAsgsAsync([spec.Infrastructure.BaseAsg], timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"could not reach the cloud at {aws.EndpointUrl}: no answer within 15 s");
        }
        catch (CloudException e)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"could not reach the cloud at {aws.EndpointUrl}: {e.Error.Code}: {e.Error.Message}");
        }
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            File.Delete(file);
    }

    private sealed record Job(
        FileInfo Spec,
        Uri? Endpoint,
        string? Fixtures,
        string DataFolder,
        bool Approve,
        string DeploymentId,
        double Speed,
        string? ConfigFile,
        string Urls,
        Terminal Terminal);
}
