using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AmiOrchestrator.Bench.Databases;

/// <summary>
/// A throwaway PostgreSQL 15 server for one bench run: initialised into a temp folder with the machine image's server
/// binaries, on a free loopback port, a fresh database per caller, stopped by <c>pg_ctl stop</c> on its own folder.
/// The binaries refuse root, which sessions and CI are, so they run as the image's <c>postgres</c> user there.
/// Unlike the tests' server, durability stays at PostgreSQL's defaults (fsync, synchronous commit): what is measured is
/// what a production journal would cost.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string BinFolder = "/usr/lib/postgresql/15/bin";
    private const string ServerUser = "postgres";

    private readonly string folder;
    private int databases;

    private PostgresServer(string folder, int port)
    {
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresServer> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 server binaries not found in {BinFolder} (Debian package postgresql-15)");
        var folder = Directory.CreateTempSubdirectory("ami-orchestrator-bench-pg-").FullName;
        if (IsRoot)
            await RunAsync("chown", [ServerUser, folder]);
        var data = Path.Combine(folder, "data");
        await RunServerToolAsync("initdb", ["-D", data, "-A", "trust", "-U", ServerUser, "-E", "UTF8", "--locale=C", "--no-sync"]);
        var port = FreePort();
        // max_connections: a node's journal, snapshot store, read model and the raw probe each keep a pool.
        await RunServerToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "start", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300"]);
        return new PostgresServer(folder, port);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = ServerUser, Database = database }.ConnectionString;

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"bench_{Interlocked.Increment(ref databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
            await RunServerToolAsync("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
        Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunServerToolAsync(string tool, IEnumerable<string> arguments)
    {
        var path = Path.Combine(BinFolder, tool);
        return IsRoot ? RunAsync("runuser", ["-u", ServerUser, "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await output}{await errors}");
    }
}
