using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Hosting;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using LinqToDB;

namespace AmiOrchestrator.Actors.Persistence;

/// <summary>The journal, the snapshot store and sharding's remember-entities store, all in one SQL database.</summary>
internal static class PersistenceHosting
{
    /// <summary>
    /// How the plugin uses SQLite, measured with 1,000 persistent actors writing at once (bench, journal scenario).
    /// <list type="bullet">
    /// <item>One writer (<c>parallelism</c>): SQLite admits one writer at a time, so more only queue on its lock.</item>
    /// <item>Big batches (<c>batch-size</c>, in rows): once writes really queue behind the commit in flight (see
    /// <see cref="SqliteConnectionInterceptor"/>), one commit stores all of them; 1,000 rows wrote ~6,900 writes/s
    /// against ~5,000 at 100 and ~2,100 at 10, where a batch is a commit and every commit waits for its fsync.</item>
    /// <item>Deferred read transactions (<c>read-isolation-level</c>): Microsoft.Data.Sqlite begins any other
    /// transaction with BEGIN IMMEDIATE, which takes the write lock, so every recovery read and projection query
    /// queued with the journal's writes. Reading uncommitted rows needs SQLite's shared cache, which the engine does
    /// not use: a deferred read sees the last commit, as in WAL mode it always does. Fresh actors recovered at
    /// ~740/s with it against ~340/s without.</item>
    /// </list>
    /// </summary>
    private const string SqliteJournalTuning = """
        akka.persistence.journal.sql {
          parallelism = 1
          batch-size = 1000
          read-isolation-level = read-uncommitted
        }
        akka.persistence.query.journal.sql.read-isolation-level = read-uncommitted
        akka.persistence.snapshot-store.sql.read-isolation-level = read-uncommitted
        """;

    /// <summary>The plugin ids the SQLite connection options apply to: the default journal, snapshot store and query journal.</summary>
    private static readonly string[] SqlitePlugins =
        ["akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql", "akka.persistence.query.journal.sql"];

    public static AkkaConfigurationBuilder WithEnginePersistence(this AkkaConfigurationBuilder builder, PersistenceOptions options)
    {
        var (connectionString, provider) = options.UsesPostgres
            ? (options.PostgresConnectionString!, ProviderName.PostgreSQL15)
            : (SqliteJournalFile.Prepare(options.EffectiveSqlitePath), ProviderName.SQLiteMS);
        builder.WithSqlPersistence(
            connectionString,
            provider,
            PersistenceMode.Both,
            autoInitialize: true,
            // CSV tags in the journal row: the tag-table read path of this Akka.Persistence.Sql/linq2db pair scans the
            // whole tag table per row (36k events: ~50 s by tag against ~2 s with CSV, measured on both databases).
            tagStorageMode: TagMode.Csv,
            journalBuilder: journal => journal.AddWriteEventAdapter<JournalTagger>(
                "engine-tagger", [typeof(IDeploymentEvent), typeof(ILineageEvent)]));
        if (!options.UsesPostgres)
        {
            builder.AddHocon(SqliteJournalTuning, HoconAddMode.Prepend);
            // The plugin takes linq2db options (and with them an interceptor) only through this setup, by plugin id.
            var sqlite = new DataOptions().UseConnectionString(provider, connectionString).UseInterceptor(new SqliteConnectionInterceptor());
            var setup = new MultiDataOptionsSetup();
            foreach (var plugin in SqlitePlugins)
                setup.AddDataOptions(plugin, sqlite);
            builder.AddSetup(setup);
        }
        return builder;
    }
}
