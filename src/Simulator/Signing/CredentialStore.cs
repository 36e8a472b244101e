using System.Collections.Concurrent;

namespace AmiOrchestrator.Simulator.Signing;

/// <summary>
/// The secrets the signature verifier accepts: the configured accounts' long-term keys and the session credentials
/// that AssumeRole has issued. Thread-safe.
/// </summary>
internal sealed class CredentialStore
{
    private readonly Dictionary<string, SimulatedAccount> accountsByKey;
    private readonly Dictionary<string, SimulatedAccount> accountsById;
    private readonly ConcurrentDictionary<string, SessionCredentials> sessions = new(StringComparer.Ordinal);

    public CredentialStore(IReadOnlyList<SimulatedAccount> accounts)
    {
        accountsByKey = accounts.ToDictionary(a => a.AccessKeyId, StringComparer.Ordinal);
        accountsById = new Dictionary<string, SimulatedAccount>(StringComparer.Ordinal);
        foreach (var account in accounts)
            accountsById.TryAdd(account.AccountId, account);
    }

    public SimulatedAccount? FindAccountByKey(string accessKeyId) => accountsByKey.GetValueOrDefault(accessKeyId);

    public bool IsConfiguredAccount(string accountId) => accountsById.ContainsKey(accountId);

    public SessionCredentials? FindSession(string accessKeyId) => sessions.GetValueOrDefault(accessKeyId);

    public void Add(SessionCredentials session) => sessions[session.AccessKeyId] = session;

    public void ForgetSessions() => sessions.Clear();
}
