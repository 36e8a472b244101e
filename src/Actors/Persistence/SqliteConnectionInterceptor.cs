using System.Data.Common;
using LinqToDB.Interceptors;

namespace AmiOrchestrator.Actors.Persistence;

/// <summary>How the persistence plugin's SQLite connections open: off the caller's thread, and waiting for the write lock in SQLite.</summary>
internal sealed class SqliteConnectionInterceptor : ConnectionInterceptor
{
    /// <summary>Leaves the caller's thread before the connection opens.</summary>
    /// <remarks>
    /// Microsoft.Data.Sqlite does its work synchronously even in its asynchronous methods. The journal writes from a
    /// stream stage that batches the writes arriving while the previous batch is stored, but with SQLite the previous
    /// batch was stored synchronously inside the stage, so nothing could arrive meanwhile: every write became a batch and
    /// a commit of its own (measured: ~10,500 fsyncs for 10,000 writes of 1,000 concurrent actors). Yielding when a
    /// connection opens hands the stage its thread back, so writes queue behind the commit in flight and join the next.
    /// </remarks>
    public override async Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        await Task.Yield();

    public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection) =>
        SqliteJournalFile.WaitForTheWriteLock(connection);

    public override Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        SqliteJournalFile.WaitForTheWriteLock(connection);
        return Task.CompletedTask;
    }
}
