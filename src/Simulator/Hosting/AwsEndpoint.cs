using System.Text;
using AmiOrchestrator.Simulator.Inspection;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.Signing;
using AmiOrchestrator.Simulator.State;
using AmiOrchestrator.Simulator.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>
/// The AWS side of the endpoint: decodes a Query request (form body or query string), numbers and counts it,
/// verifies its signature, throttles it like AWS, applies injected faults, runs the action under the caller's region
/// lock (bringing the region's timeline up to the request's time first), answers in the service's XML, errors
/// included, and records it in the inspection log.
/// </summary>
internal sealed class AwsEndpoint(
    ApiCatalog apis,
    SimulatorState state,
    SignatureVerifier verifier,
    FaultInjector faults,
    RateLimiter limiter,
    RequestCounter requests,
    RequestLog log,
    SimulationSettings settings,
    SimulationClock clock)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var sequence = log.NextSequence();
        var arrivedAt = clock.UtcNow;
        var requestId = Guid.NewGuid().ToString();
        var body = await ReadBodyAsync(context.Request, cancellationToken);
        var parameters = Decode(context.Request, body);
        var action = parameters.GetValueOrDefault("Action");
        var version = parameters.GetValueOrDefault("Version");
        var api = apis.Find(version);
        var profile = api?.Profile ?? apis.ProfileForSigningName(SigningName(context.Request));
        var record = new SimulatedRequest(
            sequence, arrivedAt, null, null, profile.Name, action ?? string.Empty, RequestLog.Redact(parameters), 0, SimulatedRequest.Ok, []);
        try
        {
            if (!string.IsNullOrEmpty(action))
                requests.Increment(action);
            var query = new QueryParameters(parameters, profile.Dialect);
            var caller = verifier.Verify(context.Request, body, profile, arrivedAt, settings.SignatureTimeCheck);
            record = record with { AccountId = caller.AccountId, Region = caller.Region };
            if (api is null)
            {
                throw version is null
                    ? query.Missing("Version")
                    : new AwsException("NoSuchVersion", $"The requested version ({version}) of service {profile.SigningName} does not exist");
            }
            if (string.IsNullOrEmpty(action))
                throw query.Missing("Action");
            var operation = api.Operations.GetValueOrDefault(action) ?? throw profile.UnknownAction(action);
            if (!limiter.TryAcquire(caller.AccountId, caller.Region, profile, action, query, arrivedAt))
                throw profile.Throttled();
            var after = await faults.ApplyAsync(action, profile, cancellationToken);
            var region = state.Region(caller.AccountId, caller.Region);
            OperationResult result;
            lock (region.Gate)
            {
                // Read the clock inside the lock so that the requests of a region see time move forward in order.
                var now = clock.UtcNow;
                record = record with { Time = now };
                region.Advance(now);
                region.BeginRequest(sequence);
                try
                {
                    result = operation(new OperationContext(query, region, caller, now) { ConsistencyLag = settings.EventualConsistencyLag });
                    if (!IsRead(action))
                        region.Changed();
                    // What the action set off at this very moment (a replacement launch, a policy's reaction) happens now too.
                    region.Advance(now);
                }
                finally
                {
                    record = record with { ActivityIds = region.EndRequest() };
                }
            }
            switch (after)
            {
                case AfterApplying.Drop:
                    // Logged before the connection goes, so that whoever sees the drop can already read it in the log.
                    log.Add(record with { ResultCode = SimulatedRequest.ConnectionDropped, AppliedDespiteFailure = true });
                    context.Abort();
                    return;
                case AfterApplying.ServerError:
                    record = record with { AppliedDespiteFailure = true };
                    throw profile.InternalFailure();
            }
            await AnswerAsync(context, record with { HttpStatus = 200 }, QueryEnvelope.Success(profile, action, result, requestId), requestId, cancellationToken);
        }
        catch (AwsException error)
        {
            await AnswerAsync(
                context, record with { HttpStatus = error.HttpStatus, ResultCode = error.Code }, QueryEnvelope.Error(profile, error, requestId), requestId, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A simulator bug: answer as AWS answers an internal failure, so clients behave as they would, and say what broke.
            var failure = profile.InternalFailure();
            var described = new AwsException(failure.Code, $"{failure.Message} (simulator: {error.GetType().Name}: {error.Message})", failure.HttpStatus);
            await AnswerAsync(
                context, record with { HttpStatus = described.HttpStatus, ResultCode = described.Code }, QueryEnvelope.Error(profile, described, requestId), requestId, cancellationToken);
        }
    }

    /// <summary>Logs the request, then answers: a client that has its answer can already read the request in the log.</summary>
    private async Task AnswerAsync(HttpContext context, SimulatedRequest record, string xml, string requestId, CancellationToken cancellationToken)
    {
        log.Add(record);
        context.Response.StatusCode = record.HttpStatus;
        context.Response.ContentType = "text/xml";
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        await context.Response.WriteAsync(xml, cancellationToken);
    }

    /// <summary>Whether an action only reads: AWS names its reads Describe…, List… or Get…, and they change nothing on the timeline.</summary>
    private static bool IsRead(string action) =>
        action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal) || action.StartsWith("Get", StringComparison.Ordinal);

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
}
