using System.Diagnostics;
using System.Text.Json;

namespace AmiOrchestrator.Orchestrator.Tests.Support;

/// <summary>The installed AWS CLI, pointed at a simulator process, for reading back what a deployment left in the region.</summary>
internal static class AwsCli
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// <summary>The environment of a process that signs with the simulator's default account.</summary>
    public static Dictionary<string, string> Environment(string endpoint) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = endpoint,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_PAGER"] = "",
    };

    /// <summary>Runs <c>aws ARGS --output json</c> and returns its parsed output.</summary>
    public static async Task<JsonElement> JsonAsync(string endpoint, params string[] arguments)
    {
        using var home = new TestSupport.TestFolder();
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Append("--output").Append("json"))
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in Environment(endpoint))
            start.Environment[key] = value;
        // A home of its own: no profile or credentials file of the machine's user takes part.
        start.Environment["HOME"] = home.Path;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the aws CLI");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
