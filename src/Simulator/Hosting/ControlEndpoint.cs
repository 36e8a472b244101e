using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>
/// <see cref="SimulatorControl"/> over HTTP, for a simulator running in another process. Unauthenticated, so it
/// answers loopback callers only. Operations on one region take <c>?account=…&amp;region=…</c> (default: the first
/// account, us-east-1).
/// <code>
/// POST   /_simulator/reset
/// POST   /_simulator/fixtures                 body: fixtures JSON
/// PUT    /_simulator/faults/{action}          body: {"throttleRate":0.5,"serverErrorRate":0,"appliedServerErrorRate":0,"appliedDropRate":0,"latencyMs":200,"times":3}  ("*" = all actions)
/// GET    /_simulator/faults                   DELETE /_simulator/faults
/// GET    /_simulator/requests                 GET /_simulator/requests/{action}      (counts)
/// GET    /_simulator/log?action=X&amp;since=N     (the inspection log)
/// GET    /_simulator/settings                 PUT /_simulator/settings  body: {"rateLimiting":false,"eventualConsistencyLagSeconds":5,"signatureTimeCheck":true}
/// GET    /_simulator/rate-limits              PUT /_simulator/rate-limits/{api}  body: {"bucket":5,"refillPerSecond":1}
/// GET    /_simulator/lifecycle-actions?group=NAME   (the actions instances wait on, with their tokens)
/// PUT    /_simulator/groups/{name}/metric     body: {"value":80}
/// PUT    /_simulator/alarms/{name}/state      body: {"stateValue":"ALARM","stateReason":"load test"}
/// GET    /_simulator/clock                    PUT /_simulator/clock  body: {"speed":10}
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
        var query = context.Request.Query;
        string? account = query["account"].FirstOrDefault();
        string? region = query["region"].FirstOrDefault();
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
                    await Reply(context, StatusCodes.Status200OK, control.Faults().ToDictionary(f => f.Key, f => FaultRequest.From(f.Value)));
                    break;
                case ("faults", null, "DELETE"):
                    control.ClearFaults();
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                case ("faults", { } action, "PUT"):
                    control.SetFault(action, Deserialize<FaultRequest>(await ReadBodyAsync(context)).ToSettings());
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                case ("requests", null, "GET"):
                    await Reply(context, StatusCodes.Status200OK, control.RequestCounts());
                    break;
                case ("requests", { } action, "GET"):
                    await Reply(context, StatusCodes.Status200OK, new { action, count = control.RequestCount(action) });
                    break;
                case ("log", null, "GET"):
                    var since = query["since"].FirstOrDefault() is { } text
                        ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw new ArgumentException($"since: '{text}' is not a sequence number.")
                        : 0;
                    await Reply(context, StatusCodes.Status200OK, control.Requests(query["action"].FirstOrDefault(), since));
                    break;
                case ("settings", null, "GET"):
                    await Reply(context, StatusCodes.Status200OK, Settings());
                    break;
                case ("settings", null, "PUT"):
                    var settings = Deserialize<SettingsRequest>(await ReadBodyAsync(context));
                    if (settings.EventualConsistencyLagSeconds is { } lag)
                        control.EventualConsistencyLag = TimeSpan.FromSeconds(lag);
                    if (settings.RateLimiting is { } limiting)
                        control.RateLimiting = limiting;
                    if (settings.SignatureTimeCheck is { } check)
                        control.SignatureTimeCheck = check;
                    await Reply(context, StatusCodes.Status200OK, Settings());
                    break;
                case ("rate-limits", null, "GET"):
                    await Reply(context, StatusCodes.Status200OK, new { enabled = control.RateLimiting, overrides = control.RateLimitOverrides(), buckets = control.RateLimits() });
                    break;
                case ("rate-limits", { } api, "PUT"):
                    control.SetRateLimit(api, Deserialize<RateLimit>(await ReadBodyAsync(context)));
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                case ("lifecycle-actions", null, "GET"):
                    await Reply(context, StatusCodes.Status200OK, control.LifecycleActions(query["group"].FirstOrDefault(), account, region));
                    break;
                case ("groups", { } rest, "PUT") when rest.EndsWith("/metric", StringComparison.Ordinal):
                    control.SetMetric(rest[..^"/metric".Length], Deserialize<MetricRequest>(await ReadBodyAsync(context)).Value, account, region);
                    await Reply(context, StatusCodes.Status204NoContent);
                    break;
                case ("alarms", { } rest, "PUT") when rest.EndsWith("/state", StringComparison.Ordinal):
                    var alarm = Deserialize<AlarmStateRequest>(await ReadBodyAsync(context));
                    control.SetAlarmState(rest[..^"/state".Length], alarm.StateValue, alarm.StateReason ?? "Set through the simulator's control endpoint", account, region);
                    await Reply(context, StatusCodes.Status204NoContent);
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

    private object Settings() => new
    {
        rateLimiting = control.RateLimiting,
        eventualConsistencyLagSeconds = control.EventualConsistencyLag.TotalSeconds,
        signatureTimeCheck = control.SignatureTimeCheck,
    };

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

    private sealed record FaultRequest(
        double ThrottleRate = 0, double ServerErrorRate = 0, double LatencyMs = 0, double AppliedServerErrorRate = 0, double AppliedDropRate = 0, int? Times = null)
    {
        public static FaultRequest From(FaultSettings fault) =>
            new(fault.ThrottleRate, fault.ServerErrorRate, fault.Latency.TotalMilliseconds, fault.AppliedServerErrorRate, fault.AppliedDropRate, fault.Times);

        public FaultSettings ToSettings() =>
            new(ThrottleRate, ServerErrorRate, TimeSpan.FromMilliseconds(LatencyMs), AppliedServerErrorRate, AppliedDropRate, Times);
    }

    private sealed record SettingsRequest(bool? RateLimiting = null, double? EventualConsistencyLagSeconds = null, bool? SignatureTimeCheck = null);

    private sealed record MetricRequest(double Value);

    private sealed record AlarmStateRequest(string StateValue, string? StateReason = null);

    private sealed record ClockRequest(double Speed);
}
