using System.Text;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.Signing;
using AmiOrchestrator.Simulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>
/// The AWS side of the endpoint: decodes a Query request (form body or query string), counts it, verifies its
/// signature, applies injected faults, runs the action under the caller's region lock, and answers in the
/// service's XML, errors included.
/// </summary>
internal sealed class AwsEndpoint(
    ApiCatalog apis,
    SimulatorState state,
    SignatureVerifier verifier,
    FaultInjector faults,
    RequestCounter requests,
    SimulationClock clock)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var requestId = Guid.NewGuid().ToString();
        var body = await ReadBodyAsync(context.Request, cancellationToken);
        var parameters = Decode(context.Request, body);
        var action = parameters.GetValueOrDefault("Action");
        var version = parameters.GetValueOrDefault("Version");
        var api = apis.Find(version);
        var profile = api?.Profile ?? apis.ProfileForSigningName(SigningName(context.Request));
        try
        {
            if (!string.IsNullOrEmpty(action))
                requests.Increment(action);
            var query = new QueryParameters(parameters, profile.Dialect);
            var caller = verifier.Verify(context.Request, body, profile, clock.UtcNow);
            if (api is null)
            {
                throw version is null
                    ? query.Missing("Version")
                    : new AwsException("NoSuchVersion", $"The requested version ({version}) of service {profile.SigningName} does not exist");
            }
            if (string.IsNullOrEmpty(action))
                throw query.Missing("Action");
            await faults.ApplyAsync(action, profile, cancellationToken);
            var operation = api.Operations.GetValueOrDefault(action) ?? throw profile.UnknownAction(action);
            var region = state.Region(caller.AccountId, caller.Region);
            OperationResult result;
            lock (region.Gate)
            {
                // Read the clock inside the lock so that the requests of a region see time move forward in order.
                var now = clock.UtcNow;
                region.Sweep(now);
                result = operation(new OperationContext(query, region, caller, now));
            }
            await WriteAsync(context, 200, QueryEnvelope.Success(profile, action, result, requestId), requestId, cancellationToken);
        }
        catch (AwsException error)
        {
            await WriteAsync(context, error.HttpStatus, QueryEnvelope.Error(profile, error, requestId), requestId, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A simulator bug: answer as AWS answers an internal failure, so clients behave as they would, and say what broke.
            var failure = profile.InternalFailure();
            var described = new AwsException(failure.Code, $"{failure.Message} (simulator: {error.GetType().Name}: {error.Message})", failure.HttpStatus);
            await WriteAsync(context, described.HttpStatus, QueryEnvelope.Error(profile, described, requestId), requestId, cancellationToken);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>The Query parameters of the request: the query string's and, for a form POST, the body's.</summary>
    private static Dictionary<string, string> Decode(HttpRequest request, byte[] body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
            parameters.TryAdd(key, values.ToString());
        if (body.Length > 0)
        {
            foreach (var (key, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
                parameters.TryAdd(key, values.ToString());
        }
        return parameters;
    }

    private static string? SigningName(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0)
            return null;
        var scope = authorization[(start + "Credential=".Length)..].Split(',')[0].Split('/');
        return scope.Length == 5 ? scope[3] : null;
    }

    private static async Task WriteAsync(HttpContext context, int status, string xml, string requestId, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        await context.Response.WriteAsync(xml, cancellationToken);
    }
}
