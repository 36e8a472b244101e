using System.Xml.Linq;
using Amazon.Runtime;
using AmiOrchestrator.Aws.Query;

namespace AmiOrchestrator.Aws.Credentials;

/// <summary>STS AssumeRole (2011-06-15) in Query form: the request and the reading of its result.</summary>
internal static class AssumeRole
{
    public static QueryRequest Request(string roleArn, string sessionName, TimeSpan duration) =>
        new("AssumeRole", p => p
            .Add("RoleArn", roleArn)
            .Add("RoleSessionName", sessionName)
            .Add("DurationSeconds", (int)duration.TotalSeconds));

    public static RoleSession Read(XElement result)
    {
        var credentials = result.Child("Credentials")
            ?? throw InvalidResponse.Because("AssumeRole returned no <Credentials>");
        return new RoleSession(
            new ImmutableCredentials(
                credentials.RequiredText("AccessKeyId"),
                credentials.RequiredText("SecretAccessKey"),
                credentials.RequiredText("SessionToken")),
            credentials.RequiredTime("Expiration"));
    }

    /// <summary>The account of a role ARN (<c>arn:aws:iam::123456789012:role/name</c>), or null when it is not one.</summary>
    public static string? AccountOf(string roleArn)
    {
        var parts = roleArn.Split(':');
        return parts.Length >= 6 && parts[0] == "arn" && parts[2] == "iam" && parts[4].Length > 0 ? parts[4] : null;
    }
}
