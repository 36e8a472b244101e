using System.Diagnostics;
using AmiOrchestrator.Web.Live;
using AmiOrchestrator.Web.Tests.Support;

namespace AmiOrchestrator.Web.Tests.Live;

/// <summary>A node that stops while people watch: its live streams must not hold the shutdown for its whole timeout.</summary>
public sealed class StreamShutdownSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task Open_streams_end_as_streams_end_when_the_node_stops_and_the_node_stops_at_once()
    {
        var node = await WebNode.StartAsync(new TestOutput(output));
        try
        {
            await using var stream = await EventStream.OpenAsync(node.Http, "/api/events/deployments");
            await stream.NextAsync(LiveStreams.PageEvent);

            var stopping = Stopwatch.StartNew();
            var stopped = node.App.StopAsync();
            await stream.EndAsync(TimeSpan.FromSeconds(10));
            await stopped;

            // The host's shutdown timeout is 30 s: a stream that held it would take that long.
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"the node took {stopping.Elapsed.TotalSeconds:0.0} s to stop");
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
