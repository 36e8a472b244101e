using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Orchestrator.Cli;
using AmiOrchestrator.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace AmiOrchestrator.Orchestrator.Configuration;

/// <summary>
/// Where a node's configuration comes from, in order of precedence (last wins): the appsettings.json shipped next to
/// the executable, an appsettings.json in the working folder, the file given with <c>--config</c>, environment variables
/// prefixed <c>AMI_ORCHESTRATOR_</c> (<c>AMI_ORCHESTRATOR_Engine__Port=4054</c>), and the verb's options. Reading it
/// checks every setting and names every problem by its key before anything starts.
/// </summary>
internal static class NodeConfiguration
{
    public const string EnvironmentPrefix = "AMI_ORCHESTRATOR_";

    public const string DatabaseFileName = "ami-orchestrator.db";

    /// <summary>The example region shipped next to the executable, which the in-process simulator loads unless told otherwise.</summary>
    public static string ShippedFixtures => Path.Combine(AppContext.BaseDirectory, "fixtures", "example.json");

    public static IConfigurationBuilder AddNodeSources(this IConfigurationBuilder builder, string? configFile, IReadOnlyDictionary<string, string?> options)
    {
        try
        {
            return AddSources(builder, configFile, options);
        }
        catch (InvalidDataException e)
        {
            // "Failed to load configuration from file X", and the JSON reader's line and position.
            throw new CliFailure(ExitCodes.InvalidInput, $"{e.Message} {e.InnerException?.InnerException?.Message ?? e.InnerException?.Message}");
        }
    }

    private static IConfigurationBuilder AddSources(IConfigurationBuilder builder, string? configFile, IReadOnlyDictionary<string, string?> options)
    {
        builder.Sources.Clear();
        builder
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
                throw new CliFailure(ExitCodes.InvalidInput, $"--config: the file '{configFile}' does not exist");
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }
        return builder
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(options);
    }

    /// <summary>The node's settings, or a <see cref="CliFailure"/> (invalid input) naming every problem by its key.</summary>
    public static NodeSettings Read(IConfiguration configuration)
    {
        var reader = new SettingReader(configuration);
        var dataFolder = reader.String("Persistence:DataFolder") ?? "./data";
        var postgres = reader.String("Persistence:Postgres");
        var engine = new AmiOrchestratorOptions
        {
            Hostname = reader.String("Engine:Hostname") ?? "127.0.0.1",
            PublicHostname = reader.String("Engine:PublicHostname"),
            Port = reader.Int("Engine:Port") ?? 4053,
            SeedNodes = [.. reader.List("Engine:Seeds").Select(SeedAddress)],
            Roles = reader.List("Engine:Roles") is { Count: > 0 } roles ? roles : [AmiOrchestratorOptions.EngineRole],
            StableAfter = reader.Duration("Engine:StableAfter") ?? TimeSpan.FromSeconds(20),
            MinimumPollInterval = reader.Duration("Engine:MinimumPollInterval") ?? TimeSpan.FromSeconds(5),
            Persistence = postgres is null
                ? new PersistenceOptions { SqlitePath = Path.Combine(dataFolder, DatabaseFileName) }
                : new PersistenceOptions { PostgresConnectionString = postgres },
        };
        foreach (var problem in engine.Problems())
            reader.Add("Engine: " + problem);

        var cloud = reader.Enum<CloudProvider>("Cloud:Provider") ?? CloudProvider.Aws;
        var fixtures = reader.String("Cloud:Simulator:Fixtures") ?? ShippedFixtures;
        if (cloud == CloudProvider.Simulator && !File.Exists(fixtures))
            reader.Add($"Cloud:Simulator:Fixtures: the file '{fixtures}' does not exist");
        var aws = ReadAws(configuration, reader);

        var speed = reader.Number("Clock:Speed") ?? 1;
        if (!double.IsFinite(speed) || speed <= 0)
            reader.Add($"Clock:Speed: must be a positive number of simulated seconds per second (is {speed})");
        else if (speed != 1 && cloud == CloudProvider.Aws && aws.EndpointUrl is null)
            reader.Add("Clock:Speed: only a simulated region runs faster than real time; against AWS it must be 1 (or set Cloud:Aws:EndpointUrl to a simulator)");

        var web = ReadWeb(reader);

        if (reader.Problems.Count > 0)
            throw new CliFailure(ExitCodes.InvalidInput, "The configuration is invalid:" + string.Concat(reader.Problems.Select(p => Environment.NewLine + "  " + p)));
        return new NodeSettings
        {
            Engine = engine,
            DataFolder = dataFolder,
            Cloud = cloud,
            Aws = aws,
            SimulatorFixtures = fixtures,
            ClockSpeed = speed,
            Urls = reader.String("Urls") ?? "http://127.0.0.1:4080",
            Web = web,
        };
    }

    /// <summary><c>HOST:PORT</c> as the engine's address; anything else is passed on as written, for the engine's check to name.</summary>
    public static string SeedAddress(string seed) =>
        seed.Contains("://", StringComparison.Ordinal) ? seed : $"akka.tcp://{AmiOrchestratorOptions.ActorSystemName}@{seed}";

    private static WebOptions ReadWeb(SettingReader reader)
    {
        var defaults = new WebOptions();
        var web = new WebOptions
        {
            ReadToken = reader.String("Web:ReadToken"),
            WriteToken = reader.String("Web:WriteToken"),
            EngineTimeout = reader.Duration("Web:EngineTimeout") ?? defaults.EngineTimeout,
            ReadinessTimeout = reader.Duration("Web:ReadinessTimeout") ?? defaults.ReadinessTimeout,
            RefreshInterval = reader.Duration("Web:RefreshInterval") ?? defaults.RefreshInterval,
            HeartbeatInterval = reader.Duration("Web:HeartbeatInterval") ?? defaults.HeartbeatInterval,
        };
        // Each problem names its key already (Web:WriteToken must be at least 16 characters...).
        foreach (var problem in web.Problems())
            reader.Add(problem);
        return web;
    }

    private static AwsOptions ReadAws(IConfiguration configuration, SettingReader reader)
    {
        AwsOptions aws;
        try
        {
            aws = configuration.GetSection("Cloud:Aws").Get<AwsOptions>() ?? new AwsOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the value it could not convert.
            reader.Add("Cloud:Aws: " + e.Message);
            return new AwsOptions();
        }
        foreach (var problem in aws.Problems())
            reader.Add("Cloud:Aws: " + problem);
        return aws;
    }
}
