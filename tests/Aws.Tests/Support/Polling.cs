using System.Diagnostics;

namespace AmiOrchestrator.Aws.Tests.Support;

/// <summary>
/// Waits for a condition with a bounded real-time deadline, optionally doing something each round (advancing a
/// fake clock until a waiting timer has fired, for instance, without knowing when that timer was created).
/// </summary>
internal static class Polling
{
    public static async Task UntilAsync(Func<bool> condition, Action? eachRound = null, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (deadline.Elapsed > limit)
                throw new TimeoutException($"Condition not met within {limit}.");
            eachRound?.Invoke();
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }
}
