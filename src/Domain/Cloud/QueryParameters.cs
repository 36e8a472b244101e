using System.Globalization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// Edits of settings kept losslessly as AWS Query parameters (<see cref="ScalingPolicy"/>, <see cref="MetricAlarm"/>),
/// which must work wherever AWS nests the pieces they touch.
/// </summary>
internal static class QueryParameters
{
    /// <summary>
    /// Every dimension <c>AutoScalingGroupName</c> = <paramref name="fromAsg"/>, at any depth (a plain metric, a
    /// customized metric, each metric of a metric-math expression), made to name <paramref name="toAsg"/>.
    /// </summary>
    public static ValueMap RepointAsgDimensions(ValueMap parameters, string fromAsg, string toAsg)
    {
        var result = parameters;
        foreach (var (key, value) in parameters)
        {
            if (!key.EndsWith(".Name", StringComparison.Ordinal) || value != "AutoScalingGroupName")
                continue;
            var valueKey = key[..^".Name".Length] + ".Value";
            if (parameters.GetValueOrDefault(valueKey) == fromAsg)
                result = result.SetItem(valueKey, toAsg);
        }
        return result;
    }

    /// <summary>
    /// The list <c>&lt;list&gt;.member.N</c> with each entry rewritten, entries rewritten to null left out, and the rest
    /// numbered from 1 again in their order (AWS reads a Query list up to its first gap).
    /// </summary>
    public static ValueMap RewriteList(ValueMap parameters, string list, Func<string, string?> rewrite)
    {
        var prefix = list + ".member.";
        var members = parameters
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(p.Key.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(p => int.Parse(p.Key.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture))
            .ToList();
        var result = parameters;
        foreach (var (key, _) in members)
            result = result.Remove(key);
        var number = 0;
        foreach (var (_, value) in members)
        {
            if (rewrite(value) is { } rewritten)
                result = result.SetItem(prefix + (++number).ToString(CultureInfo.InvariantCulture), rewritten);
        }
        return result;
    }
}
