using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AmiOrchestrator.Web.Health;

/// <summary>Writes a health report as JSON: the overall status and each check's status and reason, so a failing probe says why.</summary>
internal static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data.Count == 0 ? null : e.Value.Data }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json), http.RequestAborted);
    }
}
