using System.Diagnostics;
using System.Globalization;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Bench.Cloud;
using AmiOrchestrator.Bench.Databases;

namespace AmiOrchestrator.Bench.Engine;

/// <summary>
/// An engine node in a child process of the bench (the hidden <c>node</c> mode of the same program), so that its memory
/// is its own and it can be killed with SIGKILL. It reaches the simulated region in the parent over HTTP, runs on the
/// real clock, optionally submits deployments itself, and reports on standard output: <c>READY</c> once it is up,
/// <c>SUBMITTED</c> once every submission was accepted, then <c>ENDED &lt;ended&gt; &lt;succeeded&gt;</c> twice a second.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    public const string Verb = "node";

    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly Stopwatch started = Stopwatch.StartNew();

    private NodeProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (lines)
                lines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Console.Error.WriteLine($"[node {process.Id}] {e.Data}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    /// <summary>The time since the process was started.</summary>
    public TimeSpan Age => started.Elapsed;

    /// <summary>Starts a node on <paramref name="database"/> against the simulator at <paramref name="endpoint"/>.</summary>
    public static NodeProcess Start(
        BenchDatabase database, Uri endpoint, int submit, IReadOnlyList<int> bootSeconds, TimeSpan pollInterval, string logFolder)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = logFolder,
        };
        start.ArgumentList.Add(Verb);
        foreach (var argument in new[]
        {
            "--endpoint", endpoint.ToString(),
            database.Store == Store.Sqlite ? "--sqlite" : "--postgres",
            database.Store == Store.Sqlite ? database.Persistence.SqlitePath! : database.Persistence.PostgresConnectionString!,
            "--snapshot-every", database.Persistence.SnapshotEvery.ToString(CultureInfo.InvariantCulture),
            "--submit", submit.ToString(CultureInfo.InvariantCulture),
            "--boot", string.Join(',', bootSeconds),
            "--poll-ms", ((int)pollInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }
        return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start a node process"));
    }

    /// <summary>Waits for an output line that satisfies <paramref name="match"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan within)
    {
        var deadline = started.Elapsed + within;
        var seen = 0;
        while (true)
        {
            lock (lines)
            {
                for (; seen < lines.Count; seen++)
                {
                    if (match(lines[seen]))
                        return lines[seen];
                }
            }
            if (process.HasExited)
                throw new InvalidOperationException($"the node process exited with {process.ExitCode} before the line awaited");
            if (started.Elapsed > deadline)
                throw new TimeoutException($"the node process did not print the line awaited within {within}; last: {LastLine()}");
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }

    public string LastLine()
    {
        lock (lines)
            return lines.Count == 0 ? "(nothing)" : lines[^1];
    }

    /// <summary>Waits until the node reports <paramref name="count"/> ended deployments; returns how many succeeded.</summary>
    public async Task<int> WaitForEndsAsync(int count, TimeSpan within)
    {
        var line = await WaitForLineAsync(l => l.StartsWith("ENDED ", StringComparison.Ordinal) && int.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture) >= count, within);
        return int.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
    }

    /// <summary>The resident set now and its peak so far (VmRSS and VmHWM of /proc), in bytes.</summary>
    public (long Rss, long PeakRss) Memory()
    {
        long Read(string key)
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    /// <summary>SIGKILL: the node gets no chance to leave its cluster, flush or stop anything.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
            Kill();
        process.Dispose();
    }

    /// <summary>The child's side: the <c>node</c> mode.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        var snapshotEvery = int.Parse(options["--snapshot-every"], CultureInfo.InvariantCulture);
        var persistence = options.TryGetValue("--sqlite", out var path)
            ? new PersistenceOptions { SqlitePath = path, SnapshotEvery = snapshotEvery }
            : new PersistenceOptions { PostgresConnectionString = options["--postgres"], SnapshotEvery = snapshotEvery };
        var submit = int.Parse(options["--submit"], CultureInfo.InvariantCulture);
        var boots = options["--boot"].Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        var poll = TimeSpan.FromMilliseconds(int.Parse(options["--poll-ms"], CultureInfo.InvariantCulture));

        using var tracker = new DeploymentTracker();
        using var provider = new Aws.AwsCloudProvider(SimRegion.ClientOptions(new Uri(options["--endpoint"]), awsLimits: false), TimeProvider.System);
        await using var node = await BenchNode.StartAsync(persistence, provider, TimeProvider.System);
        Console.WriteLine("READY");
        if (submit > 0)
        {
            await node.SubmitAllAsync(submit, i => Fleet.Canary(i, boots[i % boots.Length], poll, TimeSpan.FromHours(2)), parallel: 200);
            Console.WriteLine("SUBMITTED");
        }
        // Until the parent kills it, or closes its standard input to stop it.
        // Console.In's ReadLineAsync reads synchronously (it is a synchronized reader): on a thread of its own.
        var stdin = Task.Run(Console.In.ReadLine);
        while (!stdin.IsCompleted)
        {
            Console.WriteLine($"ENDED {tracker.Ended} {tracker.Succeeded}");
            await Task.WhenAny(stdin, Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System));
        }
        return 0;
    }

    /// <summary>Asks the node to stop (it closes its host), and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
    }
}
