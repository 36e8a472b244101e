namespace AmiOrchestrator.Simulator.Inspection;

/// <summary>
/// The bounded, ordered record of every request the simulator served. Sequence numbers are handed out when a request
/// arrives, so they order requests by arrival even when their answers overtake each other; entries are kept in that
/// order. Thread-safe.
/// </summary>
internal sealed class RequestLog(int capacity)
{
    private const string Redacted = "(redacted)";

    // Parameter names whose values never appear in the log: user data can hold credentials, and the rest are secrets.
    private static readonly string[] SecretNames = ["UserData", "SecretAccessKey", "SessionToken", "Password"];

    private readonly Lock gate = new();
    private readonly SortedList<long, SimulatedRequest> entries = [];
    private long sequence;

    public long NextSequence() => Interlocked.Increment(ref sequence);

    public long LastSequence => Interlocked.Read(ref sequence);

    public void Add(SimulatedRequest request)
    {
        lock (gate)
        {
            entries[request.Sequence] = request;
            while (entries.Count > capacity)
                entries.RemoveAt(0);
        }
    }

    /// <summary>The requests after <paramref name="since"/> (a sequence number), optionally of one action, oldest first.</summary>
    public IReadOnlyList<SimulatedRequest> Read(string? action, long since)
    {
        lock (gate)
        {
            return entries.Values
                .Where(r => r.Sequence > since && (action is null || r.Action == action))
                .ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
            entries.Clear();
    }

    public static IReadOnlyDictionary<string, string> Redact(IReadOnlyDictionary<string, string> parameters) =>
        new SortedDictionary<string, string>(
            parameters
                .Where(p => p.Key is not ("Action" or "Version"))
                .ToDictionary(p => p.Key, p => IsSecret(p.Key) ? Redacted : p.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);

    private static bool IsSecret(string name)
    {
        var last = name[(name.LastIndexOf('.') + 1)..];
        return SecretNames.Any(secret => last.Equals(secret, StringComparison.OrdinalIgnoreCase));
    }
}
