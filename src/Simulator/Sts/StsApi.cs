using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.Signing;

namespace AmiOrchestrator.Simulator.Sts;

/// <summary>
/// The simulated STS API (2011-06-15). AssumeRole accepts any role of a configured account and issues temporary
/// credentials that the signature verifier accepts for that account until they expire on the simulated clock.
/// </summary>
internal sealed partial class StsApi : IQueryApi
{
    private const int MinDuration = 900;
    private const int MaxDuration = 43_200;

    // A role's maximum session duration is one hour unless its owner raised it; the simulated roles keep the default.
    private const int RoleMaxSessionDuration = 3600;

    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly CredentialStore credentials;

    public StsApi(CredentialStore credentials)
    {
        this.credentials = credentials;
        Operations = new Dictionary<string, Operation>(StringComparer.Ordinal)
        {
            ["AssumeRole"] = AssumeRole,
            ["GetCallerIdentity"] = GetCallerIdentity,
        };
    }

    public ServiceProfile Profile => ServiceProfile.Sts;

    public IReadOnlyDictionary<string, Operation> Operations { get; }

    private OperationResult AssumeRole(OperationContext context)
    {
        var parameters = context.Parameters;
        var roleArn = parameters.Required("RoleArn");
        var sessionName = parameters.Required("RoleSessionName");
        if (roleArn.Length < 20)
            throw parameters.Invalid("RoleArn", roleArn, "Member must have length greater than or equal to 20");
        if (!SessionNamePattern().IsMatch(sessionName))
            throw parameters.Invalid("RoleSessionName", sessionName, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        var duration = parameters.Int("DurationSeconds") ?? RoleMaxSessionDuration;
        if (duration < MinDuration)
            throw parameters.Invalid("DurationSeconds", duration.ToString(CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {MinDuration}");
        if (duration > MaxDuration)
            throw parameters.Invalid("DurationSeconds", duration.ToString(CultureInfo.InvariantCulture), $"Member must have value less than or equal to {MaxDuration}");
        if (duration > RoleMaxSessionDuration)
            throw new AwsException("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success)
            throw new AwsException("ValidationError", $"{roleArn} is invalid");
        var accountId = match.Groups["account"].Value;
        if (!credentials.IsConfiguredAccount(accountId))
        {
            throw new AwsException(
                "AccessDenied", $"User: {context.Caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);
        }

        var session = new SessionCredentials(
            AccessKeyId: "ASIA" + RandomText(Base32, 16),
            SecretAccessKey: RandomText("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40),
            SessionToken: Convert.ToBase64String(RandomNumberGenerator.GetBytes(192)),
            Expiration: context.Now.AddSeconds(duration),
            AccountId: accountId,
            RoleName: match.Groups["name"].Value,
            RoleId: RoleId(roleArn),
            SessionName: sessionName);
        credentials.Add(session);
        return OperationResult.Of(
            new XElement(
                "Credentials",
                new XElement("AccessKeyId", session.AccessKeyId),
                new XElement("SecretAccessKey", session.SecretAccessKey),
                new XElement("SessionToken", session.SessionToken),
                Xml.Time("Expiration", session.Expiration)),
            new XElement(
                "AssumedRoleUser",
                new XElement("AssumedRoleId", $"{session.RoleId}:{sessionName}"),
                new XElement("Arn", session.AssumedRoleArn)));
    }

    private OperationResult GetCallerIdentity(OperationContext context) => OperationResult.Of(
        new XElement("UserId", context.Caller.UserId),
        new XElement("Account", context.Caller.AccountId),
        new XElement("Arn", context.Caller.Arn));

    /// <summary>A role's unique id (AROA…) is stable for the role, as AWS's is.</summary>
    private static string RoleId(string roleArn)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(roleArn));
        return "AROA" + new string(hash.Take(17).Select(b => Base32[b % Base32.Length]).ToArray());
    }

    private static string RandomText(string alphabet, int length) =>
        RandomNumberGenerator.GetString(alphabet, length);

    [GeneratedRegex(@"^arn:aws:iam::(?<account>\d{12}):role/(?:[\w+=,.@-]+/)*(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
