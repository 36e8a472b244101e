using System.Collections.Concurrent;
using System.Diagnostics;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Orchestrator.Tests.Support;

/// <summary>
/// A real <c>ami-orchestrator</c> process (the built executable, started with <c>dotnet</c>) whose output the test reads
/// as it comes. <see cref="Kill"/> sends SIGKILL (what Process.Kill does on Linux): no shutdown code runs, as in a
/// crash. Whatever is still running at dispose is killed, so a failing test leaves nothing behind.
/// </summary>
internal sealed class OrchestratorProcess : IAsyncDisposable
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "ami-orchestrator.dll");

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ITestOutputHelper log;
    private readonly string name;

    private OrchestratorProcess(Process process, ITestOutputHelper log, string name)
    {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Standard output so far, line by line.</summary>
    public IReadOnlyList<string> Output => [.. output];

    /// <summary>Standard error so far, line by line.</summary>
    public IReadOnlyList<string> Errors => [.. errors];

    public static OrchestratorProcess Start(ITestOutputHelper log, string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var started = new OrchestratorProcess(process, log, name);
        process.OutputDataReceived += (_, e) => started.Received(started.output, e.Data, "out");
        process.ErrorDataReceived += (_, e) => started.Received(started.errors, e.Data, "err");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // No test types into it: an interactive prompt would wait forever.
        process.StandardInput.Close();
        log.WriteLine($"[{name}] started (pid {process.Id}): ami-orchestrator {string.Join(' ', start.ArgumentList.Skip(1))}");
        return started;
    }

    /// <summary>A `simulator` process serving the example region at <paramref name="endpoint"/>, returned once it listens.</summary>
    public static async Task<OrchestratorProcess> StartSimulatorAsync(ITestOutputHelper log, string endpoint, string clockSpeed)
    {
        var simulator = Start(log, "simulator", ["simulator", "--urls", endpoint, "--clock-speed", clockSpeed]);
        await simulator.WaitForLineAsync(line => line.StartsWith("Simulated AWS listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "to listen");
        return simulator;
    }

    /// <summary>Runs a verb to its end and returns its exit code.</summary>
    public static async Task<OrchestratorProcess> RunAsync(ITestOutputHelper log, string name, IEnumerable<string> arguments, TimeSpan within, IReadOnlyDictionary<string, string>? environment = null)
    {
        var run = Start(log, name, arguments, environment);
        await run.WaitForExitAsync(within);
        return run;
    }

    public int ExitCode => process.ExitCode;

    public async Task WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"[{name}] did not exit within {within}; last output: {string.Join(Environment.NewLine, Output.TakeLast(10).Concat(Errors.TakeLast(10)))}");
        }
    }

    /// <summary>Waits until a line of standard output or error satisfies <paramref name="condition"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> condition, TimeSpan within, string because)
    {
        string? found = null;
        await Poll.UntilAsync(
            () =>
            {
                found = output.Concat(errors).FirstOrDefault(condition);
                if (found is null && process.HasExited)
                    throw new Xunit.Sdk.XunitException($"[{name}] exited ({process.ExitCode}) before {because}: {string.Join(Environment.NewLine, Errors.TakeLast(20))}");
                return found is not null;
            },
            within,
            $"[{name}] {because}");
        return found!;
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
        log.WriteLine($"[{name}] killed (SIGKILL, pid {process.Id})");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Received(ConcurrentQueue<string> lines, string? line, string stream)
    {
        if (line is null)
            return;
        lines.Enqueue(line);
        try
        {
            log.WriteLine($"[{name} {stream}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has ended; its output helper takes nothing more (a process killed at dispose still writes).
        }
    }
}
