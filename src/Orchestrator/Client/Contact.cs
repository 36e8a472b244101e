using System.Globalization;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Orchestrator.Cli;

namespace AmiOrchestrator.Orchestrator.Client;

/// <summary>A node a client dials first (<c>HOST:PORT</c>, its remoting address); the node tells the client about the others.</summary>
internal sealed record Contact(string Host, int Port)
{
    public const string Default = "127.0.0.1:4053";

    /// <summary>The node's cluster-client receptionist, the one actor a client outside the cluster may talk to.</summary>
    public string Receptionist => $"akka.tcp://{AmiOrchestratorOptions.ActorSystemName}@{Host}:{Port}/system/receptionist";

    public bool IsLoopback => Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address));

    public override string ToString() => $"{Host}:{Port}";

    public static Contact Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535
            && !string.IsNullOrWhiteSpace(text[..colon]))
        {
            return new Contact(text[..colon], port);
        }
        throw new CliFailure(ExitCodes.InvalidInput, $"--contact: '{text}' is not HOST:PORT, the cluster address of a node (such as {Default})");
    }
}
