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
    /// SQLite admits one writer at a time, so more concurrent journal writers only queue on its lock (measured
    /// here: parallelism 1, 3 and 6 write the same). With one writer, small batches measured best (1,000 persistent
    /// actors: ~1,040 writes/s at batch-size 10 against ~850 at the default 100 and ~790 at 1,000): a write waits for
    /// the batch in front of it, and a small batch commits sooner.
    /// </summary>
    private const string SqliteJournalTuning = """
        akka.persistence.journal.sql {
          parallelism = 1
          batch-size = 10
        }
        """;

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
            builder.AddHocon(SqliteJournalTuning, HoconAddMode.Prepend);
        return builder;
    }
}
