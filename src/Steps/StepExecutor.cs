using System.Diagnostics;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Steps.Changes;
using AmiOrchestrator.Steps.Gates;
using AmiOrchestrator.Steps.Resilience;
using AmiOrchestrator.Steps.Setup;
using AmiOrchestrator.Steps.Telemetry;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Steps;

/// <summary>
/// Carries out one started step against the cloud and says how it ended, as the <see cref="DeploymentInput.StepOutcome"/>
/// the deployment decides on (DESIGN.md "Steps"). Every step is idempotent (read before write, absolute values,
/// names, client tokens, owner checks), so a step whose outcome was lost in a crash is simply run again. Errors that
/// can clear (throttling, 5xx, timeouts, a scaling activity in progress) are retried with full-jitter back-off until
/// the step's absolute deadline; anything else ends the step at once in the cloud's words. Waits are not run here:
/// they are judged from observations (<see cref="Waits.WaitJudge"/>) that the watcher feeds, so no wait polls on its
/// own; approvals end by a message. Shared by every deployment of a node.
/// </summary>
public sealed class StepExecutor
{
    private readonly ICloudProvider clouds;
    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly StepExecutorOptions options;
    private readonly Backoff backoff;

    public StepExecutor(ICloudProvider clouds, HttpClient http, TimeProvider time, ILogger<StepExecutor> logger, StepExecutorOptions? options = null, Random? jitter = null)
    {
        this.options = options ?? new StepExecutorOptions();
        var problems = this.options.Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid step executor options: " + string.Join("; ", problems) + ".", nameof(options));
        this.clouds = clouds;
        this.http = http;
        this.time = time;
        this.logger = logger;
        backoff = new Backoff(this.options.RetryBaseDelay, this.options.RetryMaxDelay, jitter ?? Random.Shared);
    }

    /// <summary>True for the actions this executor runs; waits and approvals are ended by observations and messages.</summary>
    public static bool Runs(StepAction action) => action is not (WaitSteady or WaitDeregistered or AwaitApproval);

    /// <summary>Runs the step to its end. Cancellation (an abort, a rollback request, a stopping node) ends it by throwing.</summary>
    public async Task<DeploymentInput.StepOutcome> RunAsync(StepRequest request, CancellationToken cancellationToken)
    {
        var step = request.Step;
        if (!Runs(step.Action))
            throw new ArgumentException($"step {step.Id} is ended by observations or messages, not run", nameof(request));
        var context = new StepContext(
            clouds.For(new CloudTarget(request.Spec.Infrastructure.Region, request.Spec.Infrastructure.RoleArn)), request, time, options, http, logger);
        using var activity = StepTelemetry.Source.StartActivity("step " + step.Action.Name);
        activity?.SetTag("deployment.id", request.DeploymentId);
        activity?.SetTag("step.id", step.Id);
        var started = time.GetTimestamp();
        logger.LogInformation("Step {StepId} started (deadline {Deadline:O})", step.Id, request.Started.Deadline);
        DeploymentInput.StepOutcome outcome;
        try
        {
            var completion = await RunWithRetriesAsync(context, cancellationToken);
            outcome = DeploymentInput.StepOutcome.Succeeded(step.Id, time.GetUtcNow(), completion.Result, completion.Detail);
            logger.LogInformation("Step {StepId} succeeded: {Detail}", step.Id, completion.Detail);
        }
        catch (StepFailureException e)
        {
            outcome = DeploymentInput.StepOutcome.Failed(step.Id, e.Failure, time.GetUtcNow());
            activity?.SetStatus(ActivityStatusCode.Error, e.Failure.ToString());
            logger.LogWarning("Step {StepId} failed: {Failure}", step.Id, e.Failure);
        }
        StepTelemetry.RecordDuration(step.Action.Name, outcome.Failure is null ? "succeeded" : outcome.Failure.Kind.ToString(), time.GetElapsedTime(started));
        return outcome;
    }

    private async Task<StepCompletion> RunWithRetriesAsync(StepContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(context, cancellationToken);
            }
            catch (CloudException e) when (e.Error.Retryable)
            {
                var delay = backoff.After(attempt);
                if (context.Deadline is { } deadline && time.GetUtcNow() + delay >= deadline)
                {
                    throw new StepFailureException(new StepFailure(
                        StepFailureKind.RetriesExhausted, $"still failing at the step's deadline after {attempt} attempt(s): {e.Error.Message}", e.Error.Code));
                }
                StepTelemetry.RecordRetry(context.Action.Name, e.Error.Code);
                logger.LogInformation("Step {StepId} attempt {Attempt} failed ({Error}); retrying in {Delay}", context.Request.Step.Id, attempt, e.Error, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (CloudException e)
            {
                throw StepFailureException.NonRetryable(e.Error.Message, e.Error.Code);
            }
        }
    }

    private static Task<StepCompletion> RunOnceAsync(StepContext context, CancellationToken cancellationToken) => context.Action switch
    {
        DiscoverSetup => SetupDiscovery.RunAsync(context, cancellationToken),
        CreateLaunchTemplateVersion create => LaunchTemplateSteps.CreateVersionAsync(context, create, cancellationToken),
        CreateLaunchTemplate create => LaunchTemplateSteps.CreateTemplateAsync(context, create, cancellationToken),
        CreateAsg create => GroupSteps.CreateAsync(context, create, cancellationToken),
        RemoveScalingPolicies remove => PolicySteps.RemoveAsync(context, remove, cancellationToken),
        PutScalingPolicies put => PolicySteps.PutAsync(context, put, cancellationToken),
        PutScheduledActions put => PolicySteps.PutScheduledAsync(context, put, cancellationToken),
        PutPolicyAlarms put => PolicySteps.PutAlarmsAsync(context, put, cancellationToken),
        ResizeAsg resize => GroupSteps.ResizeAsync(context, resize, cancellationToken),
        DeleteAsg delete => GroupSteps.DeleteAsync(context, delete, cancellationToken),
        AttachRoutes attach => GroupSteps.AttachRoutesAsync(context, attach, cancellationToken),
        DetachRoutes detach => GroupSteps.DetachRoutesAsync(context, detach, cancellationToken),
        TagAsg tag => GroupSteps.TagAsync(context, tag, cancellationToken),
        Bake bake => BakeGate.RunAsync(context, bake, cancellationToken),
        HttpCheck check => HttpCheckGate.RunAsync(context, check, cancellationToken),
        // An action added to the Domain without code here is a failure of the step, never a crash of the engine.
        var unknown => throw StepFailureException.NonRetryable($"this engine cannot run '{unknown.Name}' steps"),
    };
}
