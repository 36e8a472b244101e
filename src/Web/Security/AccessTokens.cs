using System.Security.Cryptography;
using System.Text;
using AmiOrchestrator.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Web.Security;

/// <summary>
/// The configured tokens, kept only as SHA-256 digests. A presented token is hashed and compared in constant time: the
/// comparison takes as long whatever the token's length or how much of it is right, so timing tells an attacker nothing.
/// </summary>
internal sealed class AccessTokens
{
    private readonly byte[]? read;
    private readonly byte[]? write;

    public AccessTokens(IOptions<WebOptions> options)
    {
        read = Digest(options.Value.ReadToken);
        write = Digest(options.Value.WriteToken);
    }

    public bool ReadsAreOpen => read is null;

    public bool WritesAreEnabled => write is not null;

    public bool IsReadToken(string token) => Matches(read, token);

    public bool IsWriteToken(string token) => Matches(write, token);

    private static bool Matches(byte[]? expected, string token) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static byte[]? Digest(string? token) => token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
