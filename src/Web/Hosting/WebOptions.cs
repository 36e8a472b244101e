namespace AmiOrchestrator.Web.Hosting;

/// <summary>
/// The node's web surface, bound from the configuration section <c>Web</c> (<c>Web:WriteToken</c>, or the environment
/// variable <c>Web__WriteToken</c>). With nothing configured, reads are open and writes are refused until a write token is set.
/// </summary>
public sealed record WebOptions
{
    public const string SectionName = "Web";

    /// <summary>A token is a shared secret; below this length it can be guessed.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>The bearer token reads need; null leaves reads open (the write token reads too).</summary>
    public string? ReadToken { get; init; }

    /// <summary>The bearer token writes (submit, approve, reject, roll back, abort) need; null refuses every write.</summary>
    public string? WriteToken { get; init; }

    /// <summary>
    /// How long a request waits for the engine. Longer than the gateway's own timeout (10 s by default), so a slow
    /// deployment is reported by the gateway as retryable rather than cut off here with nothing known.
    /// </summary>
    public TimeSpan EngineTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long <c>/ready</c> waits for the journal's database before calling the node not ready.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How often live streams look for changes in the read model (one query per node, shared by every stream). The
    /// projection itself shows a change 0.1-0.3 s after the journal, so a shorter interval would gain nothing visible.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an idle live stream sends a heartbeat, so proxies keep it open and a vanished client is noticed.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Every problem of these options, each naming its setting (empty when they can work).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        TokenProblem(nameof(ReadToken), ReadToken, problems);
        TokenProblem(nameof(WriteToken), WriteToken, problems);
        if (ReadToken is not null && ReadToken == WriteToken)
            problems.Add($"{SectionName}:{nameof(ReadToken)} must differ from {SectionName}:{nameof(WriteToken)} (whoever may read could write)");
        Positive(nameof(EngineTimeout), EngineTimeout, problems);
        Positive(nameof(ReadinessTimeout), ReadinessTimeout, problems);
        Positive(nameof(RefreshInterval), RefreshInterval, problems);
        Positive(nameof(HeartbeatInterval), HeartbeatInterval, problems);
        return problems;
    }

    private static void TokenProblem(string name, string? token, List<string> problems)
    {
        if (token is null)
            return;
        if (token.Length < MinimumTokenLength)
            problems.Add($"{SectionName}:{name} must be at least {MinimumTokenLength} characters (is {token.Length})");
        if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            problems.Add($"{SectionName}:{name} must not hold spaces or control characters (an Authorization header could not carry it)");
    }

    private static void Positive(string name, TimeSpan value, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
            problems.Add($"{SectionName}:{name} must be positive (is {value})");
    }
}
