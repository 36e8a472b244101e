using System.Globalization;

namespace AmiOrchestrator.Bench.Reporting;

/// <summary>How figures are written in the results: invariant culture, few digits (these machines are noisy).</summary>
internal static class Format
{
    public static string Rate(double perSecond) => perSecond.ToString(perSecond >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    public static string Percent(double ratio) => (ratio * 100).ToString("N0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value, int decimals = 1) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture) + " s";

    public static string Millis(double milliseconds) => milliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    public static string MiB(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    public static string KiB(double bytes) => (bytes / 1024).ToString("N1", CultureInfo.InvariantCulture) + " KiB";
}
