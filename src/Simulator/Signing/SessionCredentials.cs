namespace AmiOrchestrator.Simulator.Signing;

/// <summary>Temporary credentials issued by AssumeRole, valid for the role's account until <see cref="Expiration"/>.</summary>
internal sealed record SessionCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    string AccountId,
    string RoleName,
    string RoleId,
    string SessionName)
{
    public string AssumedRoleArn => $"arn:aws:sts::{AccountId}:assumed-role/{RoleName}/{SessionName}";
}
