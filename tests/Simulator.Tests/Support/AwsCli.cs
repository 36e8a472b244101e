using System.Diagnostics;
using System.Text.Json;

namespace AmiOrchestrator.Simulator.Tests.Support;

/// <summary>
/// Runs the installed AWS CLI against a simulator: a client we did not write. Every call gets the simulator's
/// endpoint, JSON output, explicit credentials and a private HOME and config, and none of the machine's AWS_*
/// variables, so nothing on the machine leaks in and nothing leaves loopback.
/// </summary>
internal sealed class AwsCli : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<Task<int>> ServiceErrorExitCodeOnce = new(FindServiceErrorExitCodeAsync);
    private static readonly Lazy<Task<string>> ExecutableOnce = new(FindExecutableAsync);

    private readonly Uri endpoint;
    private readonly DirectoryInfo home = Directory.CreateTempSubdirectory("aws-cli-home-");

    public AwsCli(Uri endpoint, SimulatedAccount account, string? sessionToken = null)
        : this(endpoint, account.AccessKeyId, account.SecretAccessKey, sessionToken)
    {
    }

    public AwsCli(Uri endpoint, string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        this.endpoint = endpoint;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = sessionToken;
        File.WriteAllText(Path.Combine(home.FullName, "config"), string.Empty);
        File.WriteAllText(Path.Combine(home.FullName, "credentials"), string.Empty);
    }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public string? SessionToken { get; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>An extra botocore data directory (AWS_DATA_PATH) whose models take precedence over the installed ones.</summary>
    public string? DataPath { get; init; }

    /// <summary>
    /// The exit code the installed CLI uses for an error AWS returned: 255 for CLI v1, 254 for v2
    /// (awscli/constants.py). Found from <c>aws --version</c> so the assertion stays exact on either.
    /// </summary>
    public static Task<int> ServiceErrorExitCodeAsync() => ServiceErrorExitCodeOnce.Value;

    /// <summary>Runs a program of the machine (python3, for instance) with the same isolation as the CLI.</summary>
    public static async Task<CliResult> RunToolAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Isolate(start.Environment);
        return await RunProcessAsync(start);
    }

    public async Task<CliResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(await ExecutableOnce.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        Isolate(start.Environment);
        start.Environment["HOME"] = home.FullName;
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home.FullName, "config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.FullName, "credentials");
        start.Environment["AWS_ACCESS_KEY_ID"] = AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey;
        if (SessionToken is not null)
            start.Environment["AWS_SESSION_TOKEN"] = SessionToken;
        if (DataPath is not null)
            start.Environment["AWS_DATA_PATH"] = DataPath;
        start.Environment["AWS_DEFAULT_REGION"] = Region;
        start.Environment["AWS_REGION"] = Region;
        // One attempt: a call the simulator fails must fail the test at once, and throttling tests count exactly one request.
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        return await RunProcessAsync(start);
    }

    /// <summary>Runs a call that must succeed and returns its JSON output (null for operations that print nothing).</summary>
    public async Task<JsonElement?> JsonAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)} exited {result.ExitCode}: {result.StandardError}");
        if (string.IsNullOrWhiteSpace(result.StandardOutput))
            return null;
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }

    /// <summary>Runs a call that must print JSON.</summary>
    public async Task<JsonElement> OutputAsync(params string[] arguments) =>
        await JsonAsync(arguments) ?? throw new Xunit.Sdk.XunitException($"aws {string.Join(' ', arguments)} printed nothing");

    /// <summary>Runs a call that must fail the way the CLI reports an AWS error, and returns the message it printed.</summary>
    public async Task<string> ErrorAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.Equal(await ServiceErrorExitCodeAsync(), result.ExitCode);
        return result.StandardError.Trim();
    }

    public void Dispose() => home.Delete(recursive: true);

    private static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
            environment.Remove(name);
        environment["AWS_PAGER"] = string.Empty;
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
    }

    private static async Task<CliResult> RunProcessAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the aws CLI.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(CallTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aws {string.Join(' ', start.ArgumentList)} did not finish within {CallTimeout}.");
        }
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// The CLI's script itself. Where <c>aws</c> is a pyenv shim, the shim re-resolves the interpreter on every call
    /// (about 0.6 s of CPU here, 40% of a call); the script pyenv resolves to is the same CLI, started directly.
    /// </summary>
    private static async Task<string> FindExecutableAsync()
    {
        try
        {
            var resolved = await RunToolAsync("pyenv", "which", "aws");
            var path = resolved.StandardOutput.Trim();
            return resolved.ExitCode == 0 && File.Exists(path) ? path : "aws";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pyenv: "aws" on the PATH is the CLI itself.
            return "aws";
        }
    }

    private static async Task<int> FindServiceErrorExitCodeAsync()
    {
        var start = new ProcessStartInfo(await ExecutableOnce.Value) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--version");
        Isolate(start.Environment);
        var result = await RunProcessAsync(start);
        var version = result.StandardOutput + result.StandardError;
        return version.StartsWith("aws-cli/1.", StringComparison.Ordinal) ? 255 : 254;
    }
}
