using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>
/// NextToken paging over a list sorted by a string key. The token names the last key returned (not an offset), so a
/// page stays correct when items are added or removed between calls; a token from another operation or one that was
/// tampered with is refused, as AWS refuses it.
/// </summary>
internal static class Pager
{
    public static Page<T> Take<T>(
        IEnumerable<T> items, Func<T, string> key, int pageSize, string? token, string scope, Func<AwsException> invalidToken)
    {
        var ordered = items.OrderBy(key, StringComparer.Ordinal).ToList();
        var start = 0;
        if (!string.IsNullOrEmpty(token))
        {
            var after = Decode(token, scope) ?? throw invalidToken();
            start = ordered.FindIndex(item => string.CompareOrdinal(key(item), after) > 0);
            if (start < 0)
                start = ordered.Count;
        }
        var page = ordered.Skip(start).Take(pageSize).ToList();
        var next = start + page.Count < ordered.Count ? Encode(scope, key(page[^1])) : null;
        return new Page<T>(page, next);
    }

    /// <summary>Reads a MaxRecords/MaxResults/PageSize parameter, refusing values outside AWS's range.</summary>
    public static int Size(QueryParameters parameters, string name, int defaultSize, int min, int max)
    {
        var size = parameters.Int(name) ?? defaultSize;
        if (size < min)
            throw parameters.Invalid(name, size.ToString(CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {min}");
        if (size > max)
            throw parameters.Invalid(name, size.ToString(CultureInfo.InvariantCulture), $"Member must have value less than or equal to {max}");
        return size;
    }

    /// <summary>A sort key that lists larger numbers first (newest-first activity lists).</summary>
    public static string Descending(long sequence) =>
        (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    public static string Ascending(long number) =>
        number.ToString("D19", CultureInfo.InvariantCulture);

    private static string Encode(string scope, string lastKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(scope + "\n" + lastKey));

    private static string? Decode(string token, string scope)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith(scope + "\n", StringComparison.Ordinal) ? text[(scope.Length + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
