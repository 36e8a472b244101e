using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmiOrchestrator.Domain.Common;

/// <summary>
/// A length of time written the way operators write it in a spec: <c>90s</c>, <c>10m</c>, <c>1h30m</c>.
/// </summary>
[JsonConverter(typeof(DurationJsonConverter))]
public readonly record struct Duration(TimeSpan Value) : IComparable<Duration>
{
    // About 100 years; no setting of a deployment is anywhere near it.
    private const long MaxTicks = TimeSpan.TicksPerDay * 36_500;

    public static Duration FromSeconds(int seconds) => new(TimeSpan.FromSeconds(seconds));

    public static Duration FromMinutes(int minutes) => new(TimeSpan.FromMinutes(minutes));

    public static Duration FromHours(int hours) => new(TimeSpan.FromHours(hours));

    public int CompareTo(Duration other) => Value.CompareTo(other.Value);

    public static bool operator <(Duration left, Duration right) => left.Value < right.Value;

    public static bool operator >(Duration left, Duration right) => left.Value > right.Value;

    public static bool operator <=(Duration left, Duration right) => left.Value <= right.Value;

    public static bool operator >=(Duration left, Duration right) => left.Value >= right.Value;

    /// <summary>Parses <c>&lt;number&gt;&lt;unit&gt;</c> groups, units h, m, s, ms, largest first; null when the text is not such a duration.</summary>
    public static Duration? TryParse(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 32)
            return null;
        var total = TimeSpan.Zero;
        var position = 0;
        var lastUnitRank = int.MaxValue;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
                position++;
            if (position == start || position - start > 9)
                return null;
            var number = long.Parse(text.AsSpan(start, position - start), CultureInfo.InvariantCulture);
            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetterLower(text[position]))
                position++;
            var (rank, unit) = text[unitStart..position] switch
            {
                "h" => (3, TimeSpan.FromHours(1)),
                "m" => (2, TimeSpan.FromMinutes(1)),
                "s" => (1, TimeSpan.FromSeconds(1)),
                "ms" => (0, TimeSpan.FromMilliseconds(1)),
                _ => (-1, TimeSpan.Zero),
            };
            // Units must shrink left to right ("1h30m", not "30m1h") so a duration has one spelling.
            if (rank < 0 || rank >= lastUnitRank)
                return null;
            lastUnitRank = rank;
            // Anything near TimeSpan's range is a typo, not a duration; refusing it keeps every later sum in range.
            if (number > MaxTicks / unit.Ticks || total.Ticks > MaxTicks - number * unit.Ticks)
                return null;
            total += unit * number;
        }
        return new Duration(total);
    }

    public override string ToString()
    {
        if (Value == TimeSpan.Zero)
            return "0s";
        var text = new StringBuilder();
        var rest = Value;
        Append(ref rest, TimeSpan.FromHours(1), "h");
        Append(ref rest, TimeSpan.FromMinutes(1), "m");
        Append(ref rest, TimeSpan.FromSeconds(1), "s");
        Append(ref rest, TimeSpan.FromMilliseconds(1), "ms");
        return text.ToString();

        void Append(ref TimeSpan remaining, TimeSpan unit, string suffix)
        {
            var count = remaining.Ticks / unit.Ticks;
            if (count == 0)
                return;
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(suffix);
            remaining -= unit * count;
        }
    }
}

/// <summary>Reads and writes <see cref="Duration"/> as text such as <c>10m</c>.</summary>
public sealed class DurationJsonConverter : JsonConverter<Duration>
{
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return (text is null ? null : Duration.TryParse(text))
            ?? throw new JsonException("must be a duration such as 90s, 10m or 1h30m");
    }

    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
