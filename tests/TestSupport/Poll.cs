namespace AmiOrchestrator.TestSupport;

/// <summary>Waits for a condition with a deadline, for the few tests where something real (a process, a database) takes its time.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
                throw new Xunit.Sdk.XunitException($"Condition not met within the deadline{(because is null ? "" : ": " + because)}.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, because);
}
