namespace AmiOrchestrator.Simulator.Signing;

/// <summary>Who signed a request, and for which region: the account owns the state the request sees.</summary>
internal sealed record CallerIdentity(string AccountId, string AccessKeyId, string Arn, string UserId, string Region);
