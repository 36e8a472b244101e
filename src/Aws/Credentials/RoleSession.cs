using Amazon.Runtime;

namespace AmiOrchestrator.Aws.Credentials;

/// <summary>Temporary credentials from STS AssumeRole and the moment they stop working.</summary>
internal sealed record RoleSession(ImmutableCredentials Credentials, DateTimeOffset Expiration);
