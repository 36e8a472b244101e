using System.Globalization;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Naming;

/// <summary>
/// How new groups are named: <c>&lt;prefix&gt;__&lt;revision&gt;</c>, with the prefix normalised exactly as Harness
/// did so that migrated lineages keep their names.
/// </summary>
public static class AsgNaming
{
    public const string Separator = "__";

    /// <summary>AWS: 1-255 characters.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Room left for "__" and the largest revision (int.MaxValue has 10 digits).</summary>
    public const int MaxPrefixLength = MaxNameLength - 2 - 10;

    // Harness's normalizeExpression character class: each of these becomes "__".
    private const string ReplacedCharacters = "-|+*/\\ &$\"'.";

    public static string NormalizePrefix(string prefix)
    {
        var builder = new System.Text.StringBuilder(prefix.Length);
        foreach (var character in prefix)
        {
            if (ReplacedCharacters.Contains(character, StringComparison.Ordinal))
                builder.Append(Separator);
            else
                builder.Append(character);
        }
        return builder.ToString();
    }

    /// <summary>The spec's prefix, or <c>&lt;service&gt;__&lt;environment&gt;</c>, normalised.</summary>
    public static string PrefixFor(DeploymentSpec spec) =>
        NormalizePrefix(spec.AsgNamePrefix ?? spec.Service.Name + Separator + spec.Environment.Name);

    public static string AsgName(string prefix, int revision) =>
        prefix + Separator + revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>Why <paramref name="name"/> cannot name a group (AWS: 1-255 ASCII characters 33-126, no colon), or null when it can.</summary>
    public static string? ProblemWithName(string name)
    {
        if (name.Length == 0)
            return "must not be empty";
        if (name.Length > MaxNameLength)
            return $"is {name.Length} characters; AWS allows at most {MaxNameLength}";
        var bad = name.AsSpan().IndexOfAnyExceptInRange('!', '~');
        if (bad < 0)
            bad = name.IndexOf(':', StringComparison.Ordinal);
        if (bad >= 0)
            return $"contains '{Printable(name[bad])}'; group names use ASCII characters 33-126 except ':'";
        return null;
    }

    /// <summary>Why <paramref name="prefix"/> (already normalised) cannot start group names, or null when it can.</summary>
    public static string? ProblemWithPrefix(string prefix)
    {
        if (prefix.Length > MaxPrefixLength)
            return $"makes a name prefix of {prefix.Length} characters; at most {MaxPrefixLength} leave room for '__<revision>'";
        return ProblemWithName(prefix);
    }

    private static string Printable(char character) =>
        char.IsControl(character) || character == ' ' ? $"\\u{(int)character:x4}" : character.ToString();
}
