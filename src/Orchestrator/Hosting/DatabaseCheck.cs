using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Orchestrator.Cli;
using Npgsql;

namespace AmiOrchestrator.Orchestrator.Hosting;

/// <summary>
/// Checks the journal's database before the node starts. The journal plugin connects lazily and retries, so a node on
/// an unreachable database would come up and then fail every deployment; an operator is better told at once.
/// </summary>
internal static class DatabaseCheck
{
    private const int ConnectTimeoutSeconds = 10;

    public static async Task EnsureReachableAsync(PersistenceOptions persistence, CancellationToken cancellationToken)
    {
        if (persistence.PostgresConnectionString is { } connectionString)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = ConnectTimeoutSeconds };
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                // The connection string may hold a password, so only where it points is repeated.
                throw new CliFailure(ExitCodes.Unreachable, $"could not reach the PostgreSQL database at {builder.Host}:{builder.Port} (database '{builder.Database}'): {e.Message}");
            }
            return;
        }
        var path = Path.GetFullPath(persistence.EffectiveSqlitePath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var probe = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"could not open the SQLite database {path}: {e.Message}");
        }
    }
}
