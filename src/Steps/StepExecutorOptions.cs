namespace AmiOrchestrator.Steps;

/// <summary>
/// How patiently a step retries. The cloud client already retries each call a few times; these bound the step's
/// own retries of what is still failing after that (a scaling activity in progress, a throttled account), up to the
/// step's deadline.
/// </summary>
public sealed record StepExecutorOptions
{
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request of an HTTP check gate may take.</summary>
    public TimeSpan HttpCheckRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest excerpt of a failing HTTP check's response body kept in the failure.</summary>
    public int HttpCheckExcerptLength { get; init; } = 200;

    public IEnumerable<string> Problems()
    {
        if (RetryBaseDelay <= TimeSpan.Zero)
            yield return "RetryBaseDelay must be positive";
        if (RetryMaxDelay < RetryBaseDelay)
            yield return "RetryMaxDelay must not be below RetryBaseDelay";
        if (HttpCheckRequestTimeout <= TimeSpan.Zero)
            yield return "HttpCheckRequestTimeout must be positive";
        if (HttpCheckExcerptLength < 0)
            yield return "HttpCheckExcerptLength must not be negative";
    }
}
