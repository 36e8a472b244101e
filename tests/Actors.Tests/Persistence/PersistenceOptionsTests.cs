using AmiOrchestrator.Actors.Persistence;

namespace AmiOrchestrator.Actors.Tests.Persistence;

public sealed class PersistenceOptionsTests
{
    [Fact]
    public void The_defaults_keep_the_journal_in_a_sqlite_file_under_data()
    {
        var options = new PersistenceOptions();

        Assert.Empty(options.Problems());
        Assert.False(options.UsesPostgres);
        Assert.Equal("./data/ami-orchestrator.db", options.EffectiveSqlitePath);
    }

    [Theory]
    [InlineData("/var/lib/ami/engine.db", "Host=db;Username=ami", "SqlitePath and PostgresConnectionString must not both be given")]
    [InlineData("  ", null, "SqlitePath must not be blank")]
    [InlineData(":memory:", null, "SqlitePath must be a file")]
    [InlineData("file:x?mode=memory", null, "SqlitePath must be a file")]
    [InlineData(null, "Host=db;Colour=blue", "PostgresConnectionString is not a valid connection string")]
    [InlineData(null, "Username=ami;Database=ami", "PostgresConnectionString must name a Host")]
    public void A_journal_that_cannot_work_is_refused_naming_the_field(string? sqlitePath, string? postgres, string problem)
    {
        var options = new PersistenceOptions { SqlitePath = sqlitePath, PostgresConnectionString = postgres };

        Assert.Contains(options.Problems(), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_connection_string_problem_does_not_repeat_the_connection_string_which_may_hold_a_password()
    {
        var options = new PersistenceOptions { PostgresConnectionString = "Host=db;Password=hunter2;Colour=blue" };

        Assert.DoesNotContain(options.Problems(), p => p.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Snapshots_must_come_after_at_least_one_event() =>
        Assert.Equal(["SnapshotEvery must be at least 1 (is 0)"], new PersistenceOptions { SnapshotEvery = 0 }.Problems());
}
