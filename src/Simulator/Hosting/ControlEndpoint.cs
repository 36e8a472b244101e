using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>
/// <see cref="SimulatorControl"/> over HTTP, for a simulator running in another process. Unauthenticated, so it
/// answers loopback callers only.
/// <code>
/// POST   /_simulator/reset
/// POST   /_simulator/fixtures          body: fixtures JSON
/// PUT    /_simulator/faults/{action}   body: {"throttleRate":0.5,"serverErrorRate":0,"latencyMs":200}  ("*" = all actions)
/// GET    /_simulator/faults
/// DELETE /_simulator/faults
/// GET    /_simulator/requests          GET /_simulator/requests/{action}
/// GET    /_simulator/clock             PUT /_simulator/clock  body: {"speed":10}
/// </code>
/// </summary>
internal sealed class ControlEndpoint(SimulatorControl control)
{
    public const string PathPrefix = "/_simulator";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            await Reply(context, StatusCodes.Status403Forbidden, new { error = "The control endpoint answers loopback callers only." });
            return;
        }
        var path = context.Request.Path.Value![PathPrefix.Length..].Trim('/').Split('/', 2);
        var method = context.Request.Method;
        try
        {
            switch (path[0], path.Length > 1 ? path[1] : null, method)
            {
                case ("reset", null, "POST"):
                    control.Reset();
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                case ("fixtures", null, "POST"):
                    control.LoadFixtures(SimulatorFixtures.FromJson(await ReadBodyAsync(context)));
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                case ("faults", null, "GET"):
                    await Reply(context, StatusCodes.Status200OK, control.Faults().ToDictionary(
                        f => f.Key,
                        f => new FaultRequest(f.Value.ThrottleRate, f.Value.ServerErrorRate, f.Value.Latency.TotalMilliseconds)));
                    break;
                case ("faults", null, "DELETE"):
                    control.ClearFaults();
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                case ("faults", { } action, "PUT"):
                    var fault = Deserialize<FaultRequest>(await ReadBodyAsync(context));
                    control.SetFault(action, new FaultSettings(fault.ThrottleRate, fault.ServerErrorRate, TimeSpan.FromMilliseconds(fault.LatencyMs)));
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                case ("requests", null, "GET"):
                    await Reply(context, StatusCodes.Status200OK, control.RequestCounts());
                    break;
                case ("requests", { } action, "GET"):
                    await Reply(context, StatusCodes.Status200OK, new { action, count = control.RequestCount(action) });
                    break;
                case ("clock", null, "GET"):
                    await Reply(context, StatusCodes.Status200OK, new { now = control.Now, speed = control.ClockSpeed });
                    break;
                case ("clock", null, "PUT"):
                    control.SetClockSpeed(Deserialize<ClockRequest>(await ReadBodyAsync(context)).Speed);
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                default:
                    await Reply(context, StatusCodes.Status404NotFound, new { error = $"No control operation {method} {context.Request.Path}." });
                    break;
            }
        }
        catch (Exception error) when (error is JsonException or ArgumentException)
        {
            await Reply(context, StatusCodes.Status400BadRequest, new { error = error.Message });
        }
        catch (InvalidOperationException error)
        {
            await Reply(context, StatusCodes.Status409Conflict, new { error = error.Message });
        }
    }

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Json) ?? throw new JsonException("The request body is empty.");

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private static async Task Reply(HttpContext context, int status, object? body = null)
    {
        context.Response.StatusCode = status;
        if (body is not null)
            await context.Response.WriteAsJsonAsync(body, Json, context.RequestAborted);
    }

    private sealed record FaultRequest(double ThrottleRate = 0, double ServerErrorRate = 0, double LatencyMs = 0);

    private sealed record ClockRequest(double Speed);
}
