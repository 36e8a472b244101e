using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Web.Api;

/// <summary>
/// Turns an engine that did not answer (an ask that timed out, a read-model query whose database failed) into a 503
/// problem: the client may try again, and nothing is known to have happened. A request the client gave up on is left
/// alone; anything else is a fault of ours, logged and answered as a 500 problem rather than an HTML error page.
/// </summary>
internal sealed class EngineFailureFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (AskTimeoutException)
        {
            return Retry(http, Problems.Unavailable("the engine did not answer in time; nothing is known to have happened: send the same request again"));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (System.Data.Common.DbException e)
        {
            return Retry(http, Problems.Unavailable("the read model's database failed: " + e.Message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            http.RequestServices.GetRequiredService<ILogger<EngineFailureFilter>>()
                .LogError(e, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            return Problems.Of(StatusCodes.Status500InternalServerError, "The node failed", "engine", "an unexpected error occurred; the node's log has the details");
        }
    }

    private static IResult Retry(HttpContext http, IResult problem)
    {
        http.Response.Headers.RetryAfter = "1";
        return problem;
    }
}
