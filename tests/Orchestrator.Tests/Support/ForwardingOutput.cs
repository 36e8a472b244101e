namespace AmiOrchestrator.Orchestrator.Tests.Support;

/// <summary>A test output for a class fixture's processes: it writes to the output of the test running now (nowhere before the first).</summary>
internal sealed class ForwardingOutput : ITestOutputHelper
{
    public ITestOutputHelper? Current { get; set; }

    public void WriteLine(string message) => Current?.WriteLine(message);

    public void WriteLine(string format, params object[] args) => Current?.WriteLine(format, args);
}
