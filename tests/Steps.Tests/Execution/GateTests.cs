using System.Net;
using System.Net.Sockets;
using AmiOrchestrator.TestSupport.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Steps.Timing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Steps.Tests.Execution;

/// <summary>
/// The gates the executor runs itself: a bake, which lasts exactly to its deadline, and an HTTP check against a real
/// local endpoint. The engine's clock is sped up 50 times, so a 30-second bake takes 0.6 s.
/// </summary>
public sealed class GateTests : IAsyncLifetime
{
    private readonly Queue<(int Status, string Body)> answers = new();
    private SimulatedRegion region = null!;
    private WebApplication endpoint = null!;

    private string HealthUrl => endpoint.Urls.First().TrimEnd('/') + "/health";

    public async Task InitializeAsync()
    {
        // A request's timeout scales with the clock like every other duration: 10 s would be 0.2 real seconds here,
        // which a busy machine can miss, so the check's requests get a scaled minute.
        region = await SimulatedRegion.StartAsync(
            new ScaledTimeProvider(50), options: new StepExecutorOptions { HttpCheckRequestTimeout = TimeSpan.FromMinutes(1) });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        endpoint = builder.Build();
        endpoint.MapGet("/health", () =>
        {
            // Answers in the order the test queued them; the last one repeats.
            lock (answers)
            {
                var (status, body) = answers.Count > 1 ? answers.Dequeue() : answers.Peek();
                return Results.Text(body, statusCode: status);
            }
        });
        await endpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await endpoint.DisposeAsync();
        await region.DisposeAsync();
    }

    [Fact]
    public async Task A_bake_without_alarms_succeeds_at_its_deadline_and_not_before()
    {
        var start = region.Clock.GetUtcNow();

        var outcome = await region.RunAsync(new Bake(Duration.FromSeconds(30), [], Duration.FromSeconds(5)), within: TimeSpan.FromSeconds(30));

        Assert.Null(outcome.Failure);
        // Not a moment early; late only by scheduling, which a clock 50 times faster magnifies on a loaded machine
        // (a 0.3 s stall reads as 15 s), so the upper bound only tells "at its deadline" from "another bake later".
        Assert.InRange(outcome.At, start + TimeSpan.FromSeconds(30), start + TimeSpan.FromSeconds(59));
    }

    [Fact]
    public async Task An_http_check_passes_on_the_first_2xx_after_failures()
    {
        answers.Enqueue((503, "warming up"));
        answers.Enqueue((503, "warming up"));
        answers.Enqueue((200, "ok"));

        var outcome = await region.RunAsync(new HttpCheck(HealthUrl, Duration.FromMinutes(2), Duration.FromSeconds(5)), within: TimeSpan.FromMinutes(2));

        Assert.Null(outcome.Failure);
        Assert.Contains("answered 200", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("after 3 request(s)", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_check_that_never_passes_fails_with_the_last_status_and_an_excerpt_of_the_body()
    {
        answers.Enqueue((500, "database\nconnection   refused " + new string('x', 500)));

        var outcome = await region.RunAsync(new HttpCheck(HealthUrl, Duration.FromSeconds(30), Duration.FromSeconds(5)), within: TimeSpan.FromSeconds(30));

        Assert.Equal(StepFailureKind.CheckFailed, outcome.Failure?.Kind);
        Assert.Contains("last: 500 Internal Server Error: database connection refused xxx", outcome.Failure!.Message, StringComparison.Ordinal);
        Assert.True(outcome.Failure.Message.Length < 400, "the excerpt is short");
    }

    [Fact]
    public async Task An_http_check_of_an_endpoint_nobody_serves_fails_with_the_transport_error()
    {
        // A port bound but never listened on refuses connections, and no other test's server can take it meanwhile.
        using var reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)reserved.LocalEndPoint!).Port;

        var outcome = await region.RunAsync(new HttpCheck($"http://127.0.0.1:{port}/health", Duration.FromSeconds(20), Duration.FromSeconds(5)), within: TimeSpan.FromSeconds(20));

        Assert.Equal(StepFailureKind.CheckFailed, outcome.Failure?.Kind);
        Assert.Contains("refused", outcome.Failure!.Message, StringComparison.OrdinalIgnoreCase);
    }
}
