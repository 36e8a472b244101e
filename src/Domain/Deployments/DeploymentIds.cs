using System.Text.RegularExpressions;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// The rule for deployment ids. An id goes into step ids, a tag value and the persistence id, and the platform
/// resubmits with the same id to be idempotent, so it must be short and plain.
/// </summary>
public static partial class DeploymentIds
{
    public static string? Problem(string id) =>
        IdPattern().IsMatch(id) ? null : $"'{id}' must be 1-64 characters of letters, digits, '.', '_' and '-', starting with a letter or digit";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
