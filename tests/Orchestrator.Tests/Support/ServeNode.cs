using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Orchestrator.Tests.Support;

/// <summary>An <c>ami-orchestrator serve</c> process on free loopback ports, started and awaited until it is an Up member of its cluster.</summary>
internal sealed class ServeNode : IAsyncDisposable
{
    /// <summary>
    /// Test nodes down an unreachable node after 5 s of stable membership instead of Akka's 20 s, so that a killed node's
    /// deployments move in seconds.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FastDowning = new Dictionary<string, string> { ["AMI_ORCHESTRATOR_Engine__StableAfter"] = "5s" };

    private ServeNode(OrchestratorProcess process, int clusterPort)
    {
        Process = process;
        ClusterPort = clusterPort;
    }

    public OrchestratorProcess Process { get; }

    public int ClusterPort { get; }

    public string Contact => $"127.0.0.1:{ClusterPort}";

    /// <summary>Starts a node and waits until it reports itself up; <paramref name="environment"/> adds to <see cref="FastDowning"/>.</summary>
    public static async Task<ServeNode> StartAsync(
        ITestOutputHelper log, string name, IEnumerable<string> arguments, int? clusterPort = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = clusterPort ?? FreePort.Next();
        var process = OrchestratorProcess.Start(
            log,
            name,
            ["serve", "--cluster-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--urls", "http://127.0.0.1:0", .. arguments],
            FastDowning.Concat(environment ?? new Dictionary<string, string>()).ToDictionary());
        var node = new ServeNode(process, port);
        await node.WaitUpAsync();
        return node;
    }

    public Task WaitUpAsync() => Process.WaitForLineAsync(line => line.Contains(" is up (roles ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "to be up");

    /// <summary>Where the node serves HTTP (it binds a free port and says which when it starts serving).</summary>
    public async Task<Uri> HttpAddressAsync()
    {
        const string serving = "Serving the dashboard and HTTP API on ";
        var line = await Process.WaitForLineAsync(line => line.Contains(serving, StringComparison.Ordinal), TimeSpan.FromSeconds(30), "to serve HTTP");
        var start = line.IndexOf(serving, StringComparison.Ordinal) + serving.Length;
        return new Uri(line[start..line.IndexOf(' ', start)]);
    }

    /// <summary>Whether this node's executor has started (or run again) the step whose id begins with <paramref name="stepPrefix"/>.</summary>
    public bool Started(string stepPrefix) => Process.Output.Any(line => line.Contains($"Step {stepPrefix}", StringComparison.Ordinal) && line.Contains(" started (deadline", StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await Process.DisposeAsync();
}
