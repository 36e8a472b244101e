using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.Sql.Config;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Actors.Serialization;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AmiOrchestrator.Actors.Tests.Hosting;

/// <summary>What <c>WithAmiOrchestrator</c> makes of a node, read from a running one.</summary>
public sealed class EngineHostingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestFolder folder = new();

    [Fact]
    public async Task A_node_without_seeds_forms_a_cluster_of_its_own_with_the_lineage_region_registered()
    {
        await using var node = await EngineNode.StartAsync(Sqlite(), output);

        Assert.True(node.Registry.TryGet<LineageRegion>(out var region));
        Assert.NotEqual(ActorRefs.Nobody, region);
    }

    [Fact]
    public async Task The_sqlite_journal_has_one_writer_large_batches_deferred_reads_and_csv_tags()
    {
        await using var node = await EngineNode.StartAsync(Sqlite(), output);
        var config = node.System.Settings.Config;

        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
        Assert.Equal(1000, config.GetInt("akka.persistence.journal.sql.batch-size"));
        Assert.Equal("Csv", config.GetString("akka.persistence.journal.sql.tag-write-mode"), ignoreCase: true);
        Assert.Equal("Csv", config.GetString("akka.persistence.query.journal.sql.tag-read-mode"), ignoreCase: true);
        foreach (var plugin in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql", "akka.persistence.query.journal.sql" })
        {
            Assert.Equal("read-uncommitted", config.GetString(plugin + ".read-isolation-level"));
            Assert.True(node.System.Settings.Setup.Get<MultiDataOptionsSetup>().Value.TryGetDataOptionsFor(plugin, out var data) && data is not null, plugin);
            Assert.Contains(data.DataContextOptions.Interceptors ?? [], i => i is SqliteConnectionInterceptor);
        }
    }

    [Fact]
    public async Task Remoting_refuses_to_share_its_port_and_sharding_restarts_entities_after_five_seconds()
    {
        await using var node = await EngineNode.StartAsync(Sqlite(), output);
        var config = node.System.Settings.Config;

        Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.tcp-reuse-addr"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.cluster.sharding.entity-restart-backoff"));
    }

    [Fact]
    public async Task The_sqlite_file_is_created_in_a_new_folder_and_switched_to_wal()
    {
        var path = folder.File(Path.Combine("not", "yet", "there", "engine.db"));

        await using (await EngineNode.StartAsync(new PersistenceOptions { SqlitePath = path }, output))
        {
        }

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Engine_messages_go_through_the_engine_serializer_and_unbound_types_are_refused()
    {
        await using var node = await EngineNode.StartAsync(Sqlite(), output);
        var serialization = node.System.Serialization;
        var taken = new LineageTaken("dep-1", DateTimeOffset.UnixEpoch);

        var serializer = serialization.FindSerializerFor(taken);
        var back = serialization.Deserialize(serializer.ToBinary(taken), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, taken));

        Assert.Equal(AmiOrchestratorSerializer.Id, serializer.Identifier);
        Assert.Equal(taken, back);
        Assert.ThrowsAny<Exception>(() => serialization.FindSerializerForType(typeof(NotAnEngineMessage)));
    }

    [Fact]
    public async Task A_host_that_names_its_actor_system_otherwise_does_not_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("deployer", akka => akka.WithAmiOrchestrator(new AmiOrchestratorOptions { Port = 0, Persistence = Sqlite() }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(AmiOrchestratorOptions.ActorSystemName, error.ToString(), StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public void Invalid_options_stop_the_wiring_with_every_problem_named()
    {
        var builder = new AkkaConfigurationBuilder(new ServiceCollection(), AmiOrchestratorOptions.ActorSystemName);
        var options = new AmiOrchestratorOptions { Port = 70000, Roles = [], Persistence = new PersistenceOptions { SnapshotEvery = 0 } };

        var error = Assert.Throws<ArgumentException>(() => builder.WithAmiOrchestrator(options));

        Assert.Contains("Port must be between 0 and 65535 (is 70000)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Roles must not be empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("Persistence.SnapshotEvery must be at least 1 (is 0)", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private PersistenceOptions Sqlite() => new() { SqlitePath = folder.File($"{Guid.NewGuid():N}.db") };

    private sealed record NotAnEngineMessage(string Text);
}
