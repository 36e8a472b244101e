using Akka.Actor;
using Akka.Event;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Timing;
using AmiOrchestrator.Actors.Watching;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Steps;
using AmiOrchestrator.Steps.Waits;

namespace AmiOrchestrator.Actors.Deployments;

/// <summary>
/// A deployment's child for one group (or for the steps that touch none: discovery, templates, gates), running one
/// step at a time and reporting its outcome to the deployment with the step's id. Changes and gates run through the
/// <see cref="StepExecutor"/>; waits subscribe to the node's watcher and are judged from each observation
/// (<see cref="WaitJudge"/>) until done or their persisted deadline; an approval only waits for its deadline, since
/// the Approve itself goes to the deployment. <see cref="Cancel"/> stops the step and no outcome is sent for it.
/// </summary>
internal sealed class AsgActor : ReceiveActor, IDisposable
{
    private const string DeadlineTimer = "deadline";

    private readonly StepExecutor executor;
    private readonly IActorRef watchers;
    private readonly TimeProvider time;
    private readonly ClockTimers timers;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private Running? current;

    public AsgActor(StepExecutor executor, IActorRef watchers, TimeProvider time)
    {
        this.executor = executor;
        this.watchers = watchers;
        this.time = time;
        timers = new ClockTimers(time, Self);
        Receive<Run>(Start);
        Receive<Cancel>(cancel =>
        {
            if (current?.Request.Step.Id == cancel.StepId)
                Stop();
        });
        // Outcomes are matched to the run that produced them, not to the step id: the same step may be run again (a
        // deployment resumed while its first run was still going), and the first run's cancellation is no failure.
        Receive<Finished>(finished =>
        {
            if (ReferenceEquals(current, finished.Run))
                Report(finished.Outcome);
        });
        Receive<Crashed>(crashed =>
        {
            if (!ReferenceEquals(current, crashed.Run))
                return;
            // A bug or a fault outside the cloud port: the step ends failed (a rollback may follow), never in a restart loop.
            log.Error(crashed.Cause, "Step {0} failed unexpectedly", crashed.Run.Request.Step.Id);
            Report(DeploymentInput.StepOutcome.Failed(
                crashed.Run.Request.Step.Id, new StepFailure(StepFailureKind.NonRetryable, $"the engine failed running the step: {crashed.Cause.GetType().Name}: {crashed.Cause.Message}"), time.GetUtcNow()));
        });
        Receive<WatchProtocol.Observed>(OnObserved);
        Receive<DeadlinePassed>(passed =>
        {
            if (current?.Request.Step.Id == passed.StepId)
                Report(DeploymentInput.StepOutcome.Failed(passed.StepId, new StepFailure(StepFailureKind.DeadlinePassed, DeadlineMessage(current)), time.GetUtcNow()));
        });
    }

    public static Props Props(StepExecutor executor, IActorRef watchers, TimeProvider time) =>
        FactoryProps<AsgActor>.Of(() => new AsgActor(executor, watchers, time));

    public void Dispose() => timers.Dispose();

    protected override void PostStop()
    {
        Stop();
        Dispose();
    }

    private void Start(Run run)
    {
        // The deployment runs one step at a time; a new one means the old one no longer counts.
        Stop();
        var request = run.Request;
        var action = request.Step.Action;
        current = new Running(request, Context.Parent, WaitRequirement.For(action), new CancellationTokenSource());
        if (request.Started.Deadline is { } deadline && !StepExecutor.Runs(action))
            timers.StartSingle(DeadlineTimer, new DeadlinePassed(request.Step.Id), deadline - time.GetUtcNow());
        if (current.Requirement is { } requirement)
        {
            watchers.Tell(new WatchProtocol.Subscribe(Target(request), requirement, Self, Promptly: run.Resumed));
        }
        else if (StepExecutor.Runs(action))
        {
            var running = current;
            executor.RunAsync(request, running.Cancellation.Token).PipeTo(
                Self,
                success: outcome => new Finished(running, outcome),
                // A cancelled run is no longer current when its cancellation arrives here, so it is ignored like any stale message.
                failure: cause => new Crashed(running, cause));
        }
    }

    private void OnObserved(WatchProtocol.Observed observed)
    {
        if (current is not { Requirement: not null } waiting)
            return;
        var stepId = waiting.Request.Step.Id;
        switch (WaitJudge.Judge(waiting.Request.Step.Action, observed.Observation))
        {
            case WaitVerdict.Done done:
                Report(DeploymentInput.StepOutcome.Succeeded(stepId, time.GetUtcNow(), detail: done.Detail));
                break;
            case WaitVerdict.Failed failed:
                Report(DeploymentInput.StepOutcome.Failed(stepId, failed.Failure, time.GetUtcNow()));
                break;
            case WaitVerdict.NotYet notYet:
                waiting.LastSeen = notYet.Reason;
                break;
        }
    }

    private void Report(DeploymentInput.StepOutcome outcome)
    {
        var deployment = current!.Deployment;
        Stop();
        deployment.Tell(outcome);
    }

    /// <summary>Ends whatever runs: the executor's call is cancelled, the watcher forgets this wait, the deadline is dropped.</summary>
    private void Stop()
    {
        if (current is not { } running)
            return;
        current = null;
        timers.Cancel(DeadlineTimer);
        running.Cancellation.Cancel();
        running.Cancellation.Dispose();
        if (running.Requirement is not null)
            watchers.Tell(new WatchProtocol.Unsubscribe(Target(running.Request), Self));
    }

    private static string DeadlineMessage(Running running) => running.Request.Step.Action switch
    {
        AwaitApproval => "no approval or rejection arrived before the approval timeout",
        _ => "not done by its deadline; last seen: " + (running.LastSeen ?? "nothing observed yet"),
    };

    private static CloudTarget Target(StepRequest request) =>
        new(request.Spec.Infrastructure.Region, request.Spec.Infrastructure.RoleArn);

    /// <summary>
    /// Run this started step (again, after a restart, with the same deadline: <paramref name="Resumed"/>, and a wait then
    /// asks the watcher for a prompt first look).
    /// </summary>
    public sealed record Run(StepRequest Request, bool Resumed = false);

    /// <summary>Stop the step if it is the one running; no outcome follows.</summary>
    public sealed record Cancel(string StepId);

    private sealed record Finished(Running Run, DeploymentInput.StepOutcome Outcome);

    private sealed record Crashed(Running Run, Exception Cause);

    private sealed record DeadlinePassed(string StepId);

    private sealed class Running(StepRequest request, IActorRef deployment, WaitRequirement? requirement, CancellationTokenSource cancellation)
    {
        public StepRequest Request { get; } = request;

        public IActorRef Deployment { get; } = deployment;

        public WaitRequirement? Requirement { get; } = requirement;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public string? LastSeen { get; set; }
    }
}
