using System.Globalization;

namespace AmiOrchestrator.Simulator.AutoScaling.Scheduling;

/// <summary>
/// A scheduled action's Recurrence: the five fields of Unix cron (minute, hour, day of month, month, day of week),
/// each <c>*</c>, a value, a range <c>a-b</c>, a list, and an optional step <c>/n</c>; months and days may be named
/// (JAN, SUN), and day of week 7 is Sunday as 0 is. As in cron, when both day fields are restricted a day matching
/// either runs. Occurrences are wall-clock times in the action's time zone: a time skipped by a daylight-saving change
/// does not run, and an ambiguous one runs once.
/// </summary>
internal sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    // Five years covers every schedule that can match at all (29 February of a leap year at worst).
    private const int SearchDays = 5 * 366;

    private readonly bool[] minutes;
    private readonly bool[] hours;
    private readonly bool[] daysOfMonth;
    private readonly bool[] months;
    private readonly bool[] daysOfWeek;
    private readonly bool domRestricted;
    private readonly bool dowRestricted;

    private CronSchedule(string[] fields)
    {
        minutes = Field(fields[0], 0, 59, null);
        hours = Field(fields[1], 0, 23, null);
        daysOfMonth = Field(fields[2], 1, 31, null);
        months = Field(fields[3], 1, 12, MonthNames);
        var days = Field(fields[4], 0, 7, DayNames);
        days[0] |= days[7];
        daysOfWeek = days[..7];
        domRestricted = fields[2] != "*";
        dowRestricted = fields[4] != "*";
    }

    /// <summary>Parses a recurrence, or returns null when it is not a valid five-field cron expression.</summary>
    public static CronSchedule? TryParse(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
            return null;
        try
        {
            return new CronSchedule(fields);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var start = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        for (var day = 0; day < SearchDays; day++)
        {
            var date = start.Date.AddDays(day);
            if (!months[date.Month] || !DayMatches(date))
                continue;
            for (var hour = day == 0 ? start.Hour : 0; hour < 24; hour++)
            {
                if (!hours[hour])
                    continue;
                for (var minute = day == 0 && hour == start.Hour ? start.Minute : 0; minute < 60; minute++)
                {
                    if (!minutes[minute])
                        continue;
                    var candidate = date.AddHours(hour).AddMinutes(minute);
                    if (zone.IsInvalidTime(candidate))
                        continue;
                    var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(candidate, zone), TimeSpan.Zero);
                    if (utc > after)
                        return utc;
                }
            }
        }
        return null;
    }

    private bool DayMatches(DateTime date)
    {
        var dom = daysOfMonth[date.Day];
        var dow = daysOfWeek[(int)date.DayOfWeek];
        return domRestricted && dowRestricted ? dom || dow : dom && dow;
    }

    private static bool[] Field(string text, int min, int max, string[]? names)
    {
        var set = new bool[max + 1];
        foreach (var item in text.Split(','))
        {
            var (range, step) = item.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => throw new FormatException(item),
            };
            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b])
            {
                (from, to) = (Value(a, min, max, names), Value(b, min, max, names));
            }
            else
            {
                from = Value(range, min, max, names);
                // "5/15" means from 5 to the end in steps of 15, as in cron.
                to = step > 1 ? max : from;
            }
            if (from > to)
                throw new FormatException(item);
            for (var value = from; value <= to; value += step)
                set[value] = true;
        }
        return set;
    }

    private static int Value(string text, int min, int max, string[]? names)
    {
        var named = names is null ? -1 : Array.IndexOf(names, text.ToUpperInvariant());
        if (named >= 0)
            return named + min;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException(text);
    }
}
