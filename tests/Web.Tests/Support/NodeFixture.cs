namespace AmiOrchestrator.Web.Tests.Support;

/// <summary>
/// One node shared by the tests of a class (starting a node and its region takes about two seconds, stopping it one).
/// Tests that share it deploy into lineages of their own (<see cref="Lineages"/>) under ids of their own.
/// </summary>
public class NodeFixture : IAsyncLifetime
{
    private WebNode? node;

    public TestOutput Output { get; } = new();

    internal WebNode Node => node ?? throw new InvalidOperationException("the node has not started");

    /// <summary>The node's configuration; by default only a write token, so reads are open.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Web:WriteToken"] = WebNode.WriteToken };

    public async Task InitializeAsync()
    {
        try
        {
            node = await WebNode.StartAsync(Output, Settings);
            await PrepareAsync();
        }
        catch (Exception e)
        {
            // No test has run to show the node's log: the failure carries it.
            throw new InvalidOperationException($"the shared node did not get ready: {e.Message}{Environment.NewLine}{Output.Pending}", e);
        }
    }

    /// <summary>What the class's tests need of the node before they run (deployments to read, say).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (node is not null)
            await node.DisposeAsync();
    }
}
