using Akka.Actor;
using AmiOrchestrator.Actors.Persistence;

namespace AmiOrchestrator.Actors.Hosting;

/// <summary>
/// How one engine node joins its cluster and where it keeps its journal. One node needs nothing but defaults: it
/// listens on 127.0.0.1:4053, joins itself and keeps its journal in a SQLite file.
/// </summary>
public sealed record AmiOrchestratorOptions
{
    /// <summary>
    /// The actor system's name. It is part of every address (seed nodes, cluster-client contacts), so every node and
    /// client of one cluster must use it: hosts pass it to <c>AddAkka</c>.
    /// </summary>
    public const string ActorSystemName = "ami-orchestrator";

    /// <summary>The role of nodes that run deployments and lineages; shards live only on nodes with it.</summary>
    public const string EngineRole = "engine";

    /// <summary>The address remoting binds to (0.0.0.0 in a container, with <see cref="PublicHostname"/> set).</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>The address other nodes reach this one at, when it differs from <see cref="Hostname"/>.</summary>
    public string? PublicHostname { get; init; }

    /// <summary>The remoting port; 0 takes any free port (tests, and single nodes that nobody dials).</summary>
    public int Port { get; init; } = 4053;

    /// <summary>
    /// Addresses such as <c>akka.tcp://ami-orchestrator@10.0.0.5:4053</c>; empty means the node forms a cluster of
    /// its own by joining itself.
    /// </summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [EngineRole];

    /// <summary>
    /// Shards per region; entities are spread over nodes shard by shard. Fixed for the life of a cluster (an
    /// entity's shard is a hash of its id modulo this), so it is sized for the most nodes ever expected: ten per node.
    /// </summary>
    public int NumberOfShards { get; init; } = 100;

    public PersistenceOptions Persistence { get; init; } = new();

    /// <summary>
    /// How often a deployment asks its lineage again while it waits for a turn, and gives it back again until the
    /// lineage confirms: a lineage that crashed between persisting a grant and sending it is found out this late at most.
    /// </summary>
    public TimeSpan LineageRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the cluster's membership must stay unchanged before the split-brain resolver downs the nodes it cannot
    /// reach, after which their shards (and the deployments on them) start on the nodes left. Akka's default, 20 s, rides
    /// out a long garbage-collection pause or a network blip; lower it where a crashed node must be replaced sooner,
    /// never below a few seconds on a loaded network, or a slow node is downed while it still works.
    /// </summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The watcher polls a group no more often than this, whatever interval a spec asks for: polling is the call budget's
    /// largest steady consumer, and a spec with a 1 s interval would otherwise spend it for every deployment of the account.
    /// </summary>
    public TimeSpan MinimumPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the gateway and the query actor wait for a deployment or a lineage to answer before telling the client to try again.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem of these options, each naming its field (empty when they can work).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Hostname))
            problems.Add("Hostname must not be blank");
        if (PublicHostname is not null && string.IsNullOrWhiteSpace(PublicHostname))
            problems.Add("PublicHostname must not be blank when given");
        if (Port is < 0 or > 65535)
            problems.Add($"Port must be between 0 and 65535 (is {Port})");
        for (var i = 0; i < SeedNodes.Count; i++)
        {
            if (SeedNodeProblem(SeedNodes[i]) is { } problem)
                problems.Add($"SeedNodes[{i}] {problem}");
        }
        if (Roles.Count == 0)
            problems.Add($"Roles must not be empty (a node that runs the engine has the role '{EngineRole}')");
        for (var i = 0; i < Roles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Roles[i]))
                problems.Add($"Roles[{i}] must not be blank");
        }
        if (NumberOfShards < 1)
            problems.Add($"NumberOfShards must be at least 1 (is {NumberOfShards})");
        if (CommandTimeout <= TimeSpan.Zero)
            problems.Add($"CommandTimeout must be positive (is {CommandTimeout})");
        if (StableAfter <= TimeSpan.Zero)
            problems.Add($"StableAfter must be positive (is {StableAfter})");
        if (MinimumPollInterval <= TimeSpan.Zero)
            problems.Add($"MinimumPollInterval must be positive (is {MinimumPollInterval})");
        if (LineageRetryInterval <= TimeSpan.Zero)
            problems.Add($"LineageRetryInterval must be positive (is {LineageRetryInterval})");
        problems.AddRange(Persistence.Problems().Select(p => "Persistence." + p));
        return problems;
    }

    /// <summary>Throws when the options cannot work, naming every problem, so a bad configuration fails at start-up.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid AmiOrchestrator options: " + string.Join("; ", problems) + ".");
    }

    private static string? SeedNodeProblem(string seed)
    {
        var example = $"is not an address such as akka.tcp://{ActorSystemName}@host:4053";
        Address address;
        try
        {
            address = Address.Parse(seed);
        }
        catch (UriFormatException)
        {
            return $"'{seed}' {example}";
        }
        if (address.Protocol is not ("akka.tcp" or "akka.ssl.tcp"))
            return $"'{seed}' {example}";
        if (string.IsNullOrEmpty(address.Host) || address.Port is null or <= 0)
            return $"'{seed}' must name a host and a port";
        // A seed of another system name is never joined, silently: the node would wait for a cluster forever.
        return address.System == ActorSystemName ? null : $"'{seed}' names actor system '{address.System}', but the engine's is '{ActorSystemName}'";
    }
}
