using System.Globalization;

namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>Timestamps the way AWS writes them: ISO-8601 UTC, with milliseconds in XML and whole seconds in prose.</summary>
internal static class AwsTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The form AWS uses inside messages such as an activity's Cause ("At 2026-01-02T03:04:05Z ...").</summary>
    public static string FormatSeconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
}
