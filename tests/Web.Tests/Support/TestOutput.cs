namespace AmiOrchestrator.Web.Tests.Support;

/// <summary>
/// The output of whichever test uses a shared node right now (xunit runs a class's tests one at a time): each test
/// class points it at its own output in its constructor, and what the node logs lands in that test's report. What is
/// logged while no test runs (the fixture's start) waits for the next test.
/// </summary>
public sealed class TestOutput
{
    private readonly Lock gate = new();
    private readonly List<string> pending = [];
    private ITestOutputHelper? current;

    public TestOutput(ITestOutputHelper? output = null) => current = output;

    public void UseFor(ITestOutputHelper output)
    {
        string[] earlier;
        lock (gate)
        {
            current = output;
            earlier = [.. pending];
            pending.Clear();
        }
        foreach (var line in earlier)
            WriteLine(line);
    }

    /// <summary>What was logged while no test ran, for a fixture that failed to start to report.</summary>
    public string Pending
    {
        get
        {
            lock (gate)
                return string.Join(Environment.NewLine, pending);
        }
    }

    public void WriteLine(string line)
    {
        ITestOutputHelper? output;
        lock (gate)
        {
            output = current;
            if (output is null)
            {
                pending.Add(line);
                return;
            }
        }
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // That test has finished; the node logs on while it is stopped or used by the next one.
        }
    }
}
