using System.Diagnostics;
using Npgsql;

namespace AmiOrchestrator.TestSupport;

/// <summary>
/// A throwaway PostgreSQL 15 server for the tests of one run: a cluster initialised into a temp folder with the
/// machine image's server binaries, listening on a free loopback port, handing out a fresh database per caller, and
/// stopped at dispose by <c>pg_ctl stop</c> on its own data folder (never by process name). The binaries refuse to
/// run as root, which is what sessions and CI are, so they run as the image's <c>postgres</c> user there.
/// </summary>
/// <remarks>
/// For tests, durability is switched off (fsync, synchronous commit, full page writes): the cluster is deleted after
/// the run, and a crash test of the engine's own is about the engine's process, not the database server's. The
/// benchmarks start a <see cref="Durable"/> one instead.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string BinFolder = "/usr/lib/postgresql/15/bin";
    private const string ServerUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    private readonly string settings;
    private string? folder;
    private int databases;

    public PostgresServer()
        : this("-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    {
    }

    private PostgresServer(string settings) => this.settings = settings;

    public int Port { get; private set; }

    /// <summary>How long initdb and start-up took, for the record.</summary>
    public TimeSpan StartTime { get; private set; }

    private string DataFolder => Path.Combine(folder!, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// A server with PostgreSQL's default durability (fsync, synchronous commit), as a production journal has it, so
    /// that what a benchmark measures is what such a journal costs; room for 300 connections, since a node's journal,
    /// snapshot store and read model and a benchmark's raw probe each keep a pool.
    /// </summary>
    public static PostgresServer Durable() => new("-c max_connections=300");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 server binaries not found in {BinFolder}; the machine image provides them (Debian package postgresql-15)");
        var watch = Stopwatch.StartNew();
        folder = Directory.CreateTempSubdirectory("ami-orchestrator-pg-").FullName;
        if (IsRoot)
            await RunAsync("chown", [ServerUser, folder]);
        await RunServerToolAsync("initdb", ["-D", DataFolder, "-A", "trust", "-U", ServerUser, "-E", "UTF8", "--locale=C", "--no-sync"]);
        // A free port may be taken between asking and binding; another one is tried then.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            var started = await RunServerToolAsync("pg_ctl", ["-D", DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "start", "-o",
                $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 {settings}"], throwOnFailure: attempt == 3);
            if (started)
                break;
        }
        StartTime = watch.Elapsed;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = ServerUser, Database = database }.ConnectionString;

    /// <summary>Creates an empty database of its own for the caller and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (folder is null)
            return;
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            await RunServerToolAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);
        Directory.Delete(folder, recursive: true);
    }

    private Task<bool> RunServerToolAsync(string tool, IEnumerable<string> arguments, bool throwOnFailure = true)
    {
        var path = Path.Combine(BinFolder, tool);
        return IsRoot
            ? RunAsync("runuser", ["-u", ServerUser, "--", path, .. arguments], throwOnFailure)
            : RunAsync(path, arguments, throwOnFailure);
    }

    private async Task<bool> RunAsync(string program, IEnumerable<string> arguments, bool throwOnFailure = true)
    {
        var (exitCode, output) = await ExternalProgram.RunAsync(program, arguments, CommandTimeout);
        if (exitCode == 0)
            return true;
        if (!throwOnFailure)
            return false;
        var log = folder is not null && File.Exists(Path.Combine(folder, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "server.log")) : "";
        throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {exitCode}: {output}{log}");
    }
}
