using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// Where a page of the deployment list ends: the last deployment's submission time and id (the list's sort key, so a
/// page starts strictly after it however many deployments arrive meanwhile), and a fingerprint of the filters it was
/// issued for. Written as opaque base64url text, so callers pass it back rather than build one.
/// </summary>
internal sealed record DeploymentCursor(long SubmittedAtMicroseconds, string DeploymentId, string Filter)
{
    private const string Version = "1";

    public string Write() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Join('|', Version, SubmittedAtMicroseconds.ToString(CultureInfo.InvariantCulture), Filter, DeploymentId)));

    /// <summary>The cursor written in <paramref name="text"/>, or null when it is not one (any text may come from a caller).</summary>
    public static DeploymentCursor? Read(string text)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        // The id comes last and may not hold '|' (deployment ids are letters, digits, '.', '_' and '-').
        var parts = decoded.Split('|');
        return parts is [Version, var at, var filter, var id]
               && long.TryParse(at, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
               && id.Length > 0
            ? new DeploymentCursor(micros, id, filter)
            : null;
    }

    public static string Fingerprint(params string[] filters) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', filters))))[..16];
}
