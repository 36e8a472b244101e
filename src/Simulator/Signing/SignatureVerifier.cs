using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AmiOrchestrator.Simulator.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AmiOrchestrator.Simulator.Signing;

/// <summary>
/// Checks a request's SigV4 Authorization header the way AWS does, against the configured accounts' secrets and the
/// STS sessions issued here. The payload hash is the signed <c>x-amz-content-sha256</c> header when the client signed
/// one (the .NET SDK does), else the SHA-256 of the body (the CLI's way), so both clients verify.
/// The request time is compared with the simulated clock only when asked (AWS allows 5 minutes either way): that clock
/// usually runs fast or fake, and a skew check against it would refuse every real client.
/// </summary>
internal sealed class SignatureVerifier(CredentialStore credentials)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string ContentHashHeader = "x-amz-content-sha256";
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    public CallerIdentity Verify(HttpRequest request, byte[] body, ServiceProfile service, DateTimeOffset now, bool checkTime)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw service.IsEc2
                ? new AwsException("MissingParameter", "The request must contain the parameter AWSAccessKeyId")
                : new AwsException("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        }
        var header = ParseAuthorization(authorization[(Algorithm.Length + 1)..]);
        var scope = header.Credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            throw new AwsException(
                "IncompleteSignature",
                $"Credential should be scoped to a valid region, not '{header.Credential}'. ");
        }
        var (accessKeyId, date, region, signingService) = (scope[0], scope[1], scope[2], scope[3]);
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (amzDate.Length == 0)
            throw new AwsException("IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        if (!amzDate.StartsWith(date, StringComparison.Ordinal))
            throw SignatureMismatch($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{date}' != '{amzDate[..Math.Min(8, amzDate.Length)]}', from '{amzDate}'.");
        if (signingService != service.SigningName)
            throw SignatureMismatch($"Credential should be scoped to correct service: '{service.SigningName}'. ");
        if (checkTime)
            CheckTime(amzDate, service, now);

        var (secret, caller) = Identify(accessKeyId, region, request, service, now);

        var signedHeaders = header.SignedHeaders.Split(';');
        var payloadHash = PayloadHash(request, body, signedHeaders);
        var canonicalRequest = string.Join(
            '\n',
            request.Method,
            CanonicalPath(request),
            CanonicalQuery(request),
            CanonicalHeaders(request, signedHeaders),
            header.SignedHeaders,
            payloadHash);
        var stringToSign = string.Join(
            '\n',
            Algorithm,
            amzDate,
            string.Join('/', date, region, signingService, "aws4_request"),
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = SigningKey(secret, date, region, signingService);
        var expected = Encoding.ASCII.GetBytes(Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header.Signature)))
        {
            throw SignatureMismatch(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return caller;
    }

    private (string Secret, CallerIdentity Caller) Identify(
        string accessKeyId, string region, HttpRequest request, ServiceProfile service, DateTimeOffset now)
    {
        if (credentials.FindAccountByKey(accessKeyId) is { } account)
        {
            var caller = new CallerIdentity(account.AccountId, accessKeyId, $"arn:aws:iam::{account.AccountId}:root", account.AccountId, region);
            return (account.SecretAccessKey, caller);
        }
        var session = credentials.FindSession(accessKeyId) ?? throw UnknownKey(service);
        var token = request.Headers["X-Amz-Security-Token"].ToString();
        if (!string.Equals(token, session.SessionToken, StringComparison.Ordinal))
            throw UnknownKey(service);
        if (now >= session.Expiration)
        {
            // EC2 words an expired session differently from the awsQuery services.
            throw service.IsEc2
                ? new AwsException("RequestExpired", "Request has expired.")
                : new AwsException("ExpiredToken", "The security token included in the request is expired", 403);
        }
        var identity = new CallerIdentity(session.AccountId, accessKeyId, session.AssumedRoleArn, $"{session.RoleId}:{session.SessionName}", region);
        return (session.SecretAccessKey, identity);
    }

    /// <summary>AWS's words for a signature dated outside the 5 minutes it allows around its own clock.</summary>
    private static void CheckTime(string amzDate, ServiceProfile service, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
            throw new AwsException("IncompleteSignature", $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'.");
        string Format(DateTimeOffset time) => time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        string? problem = null;
        if (signedAt < now - AllowedSkew)
            problem = $"Signature expired: {amzDate} is now earlier than {Format(now - AllowedSkew)} ({Format(now)} - 5 min.)";
        else if (signedAt > now + AllowedSkew)
            problem = $"Signature not yet current: {amzDate} is still later than {Format(now + AllowedSkew)} ({Format(now)} + 5 min.)";
        if (problem is null)
            return;
        // EC2 reports a stale request as expired; the awsQuery services as a signature that does not match.
        throw service.IsEc2 ? new AwsException("RequestExpired", "Request has expired.") : SignatureMismatch(problem);
    }

    private static AwsException UnknownKey(ServiceProfile service) => service.IsEc2
        ? new AwsException("AuthFailure", "AWS was not able to validate the provided access credentials", 401)
        : new AwsException("InvalidClientTokenId", "The security token included in the request is invalid.", 403);

    private static AwsException SignatureMismatch(string message) => new("SignatureDoesNotMatch", message, 403);

    private static (string Credential, string SignedHeaders, string Signature) ParseAuthorization(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        string Part(string name) => parts.TryGetValue(name, out var value)
            ? value
            : throw new AwsException("IncompleteSignature", $"Authorization header requires '{name}' parameter. Authorization=AWS4-HMAC-SHA256 {text}");
        return (Part("Credential"), Part("SignedHeaders"), Part("Signature"));
    }

    private static string PayloadHash(HttpRequest request, byte[] body, string[] signedHeaders)
    {
        var bodyHash = Hex(SHA256.HashData(body));
        if (!signedHeaders.Contains(ContentHashHeader, StringComparer.Ordinal))
            return bodyHash;
        var claimed = request.Headers[ContentHashHeader].ToString();
        // A signed hash that is not the body's means the body is not what was signed.
        if (claimed != UnsignedPayload && !string.Equals(claimed, bodyHash, StringComparison.OrdinalIgnoreCase))
        {
            throw SignatureMismatch("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return claimed;
    }

    private static string RawTarget(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();

    /// <summary>Non-S3 services sign the already-encoded path encoded once more, segment by segment.</summary>
    private static string CanonicalPath(HttpRequest request)
    {
        var target = RawTarget(request);
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        if (path.Length == 0)
            return "/";
        return string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }

    private static string CanonicalQuery(HttpRequest request)
    {
        var target = RawTarget(request);
        var question = target.IndexOf('?', StringComparison.Ordinal);
        if (question < 0 || question == target.Length - 1)
            return string.Empty;
        return string.Join('&', target[(question + 1)..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (
                Key: Uri.EscapeDataString(Uri.UnescapeDataString(pair[0])),
                Value: Uri.EscapeDataString(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : string.Empty))))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
    }

    private static string CanonicalHeaders(HttpRequest request, string[] signedHeaders)
    {
        var text = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = request.Headers[name].Select(v => CollapseSpaces((v ?? string.Empty).Trim()));
            text.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }
        return text.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == ' ' && text.Length > 0 && text[^1] == ' ')
                continue;
            text.Append(c);
        }
        return text.ToString();
    }

    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
