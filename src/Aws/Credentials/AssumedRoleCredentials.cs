using Amazon.Runtime;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Credentials;

/// <summary>
/// Credentials of an assumed role, obtained from STS and replaced before they expire: at
/// <c>expiration - margin</c>, or halfway through their life when that is later (a session shorter than twice the
/// margin would otherwise be renewed on every call). One refresh runs at a time, however many callers need it;
/// when it fails while the old credentials are still valid, the old ones are used until they are not.
/// </summary>
internal sealed class AssumedRoleCredentials(
    Func<CancellationToken, Task<RoleSession>> assume,
    TimeProvider time,
    TimeSpan refreshMargin) : AWSCredentials
{
    private readonly Lock gate = new();
    private Session? current;
    private Task<Session>? refreshing;

    /// <summary>
    /// AWSSDK.EC2 asks synchronously too, right after asking asynchronously: any credentials that have not expired
    /// are returned without waiting, so a thread blocks on STS only when there are none at all.
    /// </summary>
    public override ImmutableCredentials GetCredentials()
    {
        lock (gate)
        {
            if (current is not null && time.GetUtcNow() < current.Role.Expiration)
                return current.Role.Credentials;
        }

        return GetCredentialsAsync().GetAwaiter().GetResult();
    }

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        Task<Session> pending;
        Session? previous;
        lock (gate)
        {
            if (current is not null && time.GetUtcNow() < current.RefreshAt)
                return current.Role.Credentials;
            if (refreshing is null || refreshing.IsCompleted)
                refreshing = Task.Run(RefreshAsync); // not under the lock: the STS call can take seconds
            pending = refreshing;
            previous = current;
        }

        try
        {
            return (await pending).Role.Credentials;
        }
        catch (CloudException) when (previous is not null && time.GetUtcNow() < previous.Role.Expiration)
        {
            return previous.Role.Credentials;
        }
    }

    private async Task<Session> RefreshAsync()
    {
        // Not tied to any one caller's token: the refresh serves every caller waiting for it, and each of them can
        // stop waiting on its own. The STS call is bounded by the retry policy and the HTTP timeout.
        var role = await assume(CancellationToken.None);
        var now = time.GetUtcNow();
        var halfLife = now + ((role.Expiration - now) / 2);
        var beforeExpiry = role.Expiration - refreshMargin;
        var session = new Session(role, beforeExpiry > halfLife ? beforeExpiry : halfLife);
        lock (gate)
            current = session;
        return session;
    }

    private sealed record Session(RoleSession Role, DateTimeOffset RefreshAt);
}
