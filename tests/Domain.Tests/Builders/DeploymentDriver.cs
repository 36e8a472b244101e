using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Tests.Builders;

/// <summary>
/// Drives the pure state machine the way the actor will: every input through Decide, every event through Evolve.
/// It records inputs, events (with the input that produced them) and effects, so tests can replay and compare.
/// </summary>
internal sealed class DeploymentDriver(string deploymentId = "dep-1")
{
    private DateTimeOffset now = SampleLineages.Epoch;

    public string DeploymentId { get; } = deploymentId;

    public DeploymentState State { get; private set; } = DeploymentState.Initial(deploymentId);

    public List<DeploymentInput> Inputs { get; } = [];

    public List<Decision<IDeploymentEvent, DeploymentEffect>> Decisions { get; } = [];

    public IEnumerable<IDeploymentEvent> Events => Decisions.SelectMany(d => d.Events);

    public IEnumerable<DeploymentEffect> Effects => Decisions.SelectMany(d => d.Effects);

    public IEnumerable<string> StartedStepIds => Events.OfType<StepStarted>().Select(s => s.Step.Id);

    public StepStarted InFlight => State.InFlight ?? throw new InvalidOperationException($"no step in flight; status {State.Status}");

    public DateTimeOffset Now => now;

    public void Advance(TimeSpan by) => now += by;

    public Decision<IDeploymentEvent, DeploymentEffect> Feed(DeploymentInput input)
    {
        var decision = Deployment.Decide(State, input);
        State = decision.Events.Aggregate(State, Deployment.Evolve);
        Inputs.Add(input);
        Decisions.Add(decision);
        return decision;
    }

    public Decision<IDeploymentEvent, DeploymentEffect> Submit(DeploymentSpec spec) => Feed(new DeploymentInput.Submit(DeploymentId, spec, "alice", Tick()));

    public Decision<IDeploymentEvent, DeploymentEffect> Grant(int highestRevisionEver = 0) => Feed(new DeploymentInput.LineageGranted("web-prod", highestRevisionEver, Tick()));

    /// <summary>Submits, gets the lineage and answers discovery with <paramref name="inventory"/>.</summary>
    public void StartWith(DeploymentSpec spec, SetupInventory inventory, int highestRevisionEver = 0)
    {
        Submit(spec);
        Grant(highestRevisionEver);
        Succeed(new SetupObserved(inventory));
    }

    public Decision<IDeploymentEvent, DeploymentEffect> Succeed(StepResult? result = null, string? detail = null) =>
        Feed(DeploymentInput.StepOutcome.Succeeded(InFlight.Step.Id, Tick(), result ?? DefaultResult(InFlight.Step.Action), detail));

    public Decision<IDeploymentEvent, DeploymentEffect> Fail(StepFailureKind kind = StepFailureKind.NonRetryable, string message = "ValidationError: boom") =>
        Feed(DeploymentInput.StepOutcome.Failed(InFlight.Step.Id, new StepFailure(kind, message), Tick()));

    /// <summary>Succeeds every step (approving approvals) until the deployment waits on nothing or <paramref name="stopAt"/> is next.</summary>
    public void SucceedUntil(Func<StepStarted, bool>? stopAt = null)
    {
        for (var guard = 0; State.InFlight is { } step && guard < 500; guard++)
        {
            if (stopAt?.Invoke(step) == true)
                return;
            if (step.Step.Action is AwaitApproval)
                Feed(new DeploymentInput.Approve("bob", Tick()));
            else
                Succeed();
        }
    }

    public static StepResult? DefaultResult(StepAction action) => action switch
    {
        CreateLaunchTemplateVersion create => new LaunchTemplateVersionCreated(create.LaunchTemplateId, create.SourceVersion + 1),
        CreateLaunchTemplate => new LaunchTemplateVersionCreated("lt-0fedcba9876543210", 1),
        _ => null,
    };

    public IEnumerable<T> EffectsOf<T>() where T : DeploymentEffect => Effects.OfType<T>();

    private DateTimeOffset Tick() => now = now.AddSeconds(1);
}
