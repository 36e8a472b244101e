using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Steps.Gates;

/// <summary>
/// Asks an HTTP endpoint until it answers 2xx, once per poll interval, until the step's deadline. Each request has
/// its own timeout. A failure keeps the last answer's status and the start of its body (or the transport error), so
/// the operator sees why the check failed without reproducing it.
/// </summary>
internal static class HttpCheckGate
{
    public static async Task<StepCompletion> RunAsync(StepContext context, HttpCheck check, CancellationToken cancellationToken)
    {
        var deadline = context.Deadline ?? throw new ArgumentException("an HTTP check carries its timeout as its deadline", nameof(context));
        var poll = check.PollInterval.Value;
        var lastAnswer = "no request was answered";
        var attempts = 0;
        while (true)
        {
            attempts++;
            // The request's timeout runs on the engine's clock, like every other duration of a deployment.
            var requestTimeout = Min(context.Options.HttpCheckRequestTimeout, Positive(deadline - context.Time.GetUtcNow()));
            using (var expiry = new CancellationTokenSource(requestTimeout, context.Time))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token))
            {
                try
                {
                    using var response = await context.Http.GetAsync(check.Url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    if (response.IsSuccessStatusCode)
                        return new StepCompletion($"{check.Url} answered {(int)response.StatusCode} {response.ReasonPhrase} after {attempts} request(s)");
                    lastAnswer = $"{(int)response.StatusCode} {response.ReasonPhrase}: {await ExcerptAsync(response, context.Options.HttpCheckExcerptLength, timeout.Token)}";
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // A last request cut short by the deadline says less than the answer before it, which is kept.
                    if (e is not OperationCanceledException)
                        lastAnswer = e.Message;
                    else if (attempts == 1 || requestTimeout >= context.Options.HttpCheckRequestTimeout)
                        lastAnswer = $"the request timed out after {requestTimeout}";
                }
            }
            var now = context.Time.GetUtcNow();
            if (now >= deadline)
                break;
            await Task.Delay(Min(poll, deadline - now), context.Time, cancellationToken);
        }
        throw new StepFailureException(new StepFailure(
            StepFailureKind.CheckFailed, $"{check.Url} gave no 2xx answer within {check.Timeout} ({attempts} request(s)); last: {lastAnswer}"));
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, int length, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var flat = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return flat.Length <= length ? flat : flat[..length] + "…";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return "(body unreadable: " + e.Message + ")";
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // A request is always given a moment, even at the deadline: the check's last chance is still a real request.
    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.FromSeconds(1) ? span : TimeSpan.FromSeconds(1);
}
