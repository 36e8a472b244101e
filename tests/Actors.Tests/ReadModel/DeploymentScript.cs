using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>
/// One deployment played through the pure state machine the way the deployment actor plays it: every input through
/// Decide, a second apart, and each decision's events kept together as the one journal write the actor makes of them.
/// Tests write <see cref="Writes"/> to a real journal and check the read model against <see cref="State"/>.
/// </summary>
internal sealed class DeploymentScript
{
    private readonly SetupInventory inventory;
    private DateTimeOffset now;

    public DeploymentScript(string deploymentId, DeploymentSpec spec, SetupInventory inventory, DateTimeOffset submittedAt)
    {
        DeploymentId = deploymentId;
        Spec = spec;
        State = DeploymentState.Initial(deploymentId);
        this.inventory = inventory;
        now = submittedAt;
        Feed(new DeploymentInput.Submit(deploymentId, spec, "alice", now));
    }

    public string DeploymentId { get; }

    public DeploymentSpec Spec { get; }

    public DeploymentState State { get; private set; }

    /// <summary>The journal writes, in order: the events of one decision each.</summary>
    public List<ValueList<IDeploymentEvent>> Writes { get; } = [];

    public IEnumerable<IDeploymentEvent> Events => Writes.SelectMany(w => w);

    public int EventCount => Writes.Sum(w => w.Count);

    public StepStarted InFlight => State.InFlight ?? throw new InvalidOperationException($"{DeploymentId}: no step in flight; status {State.Status}");

    public DeploymentScript Grant(int highestRevisionEver) =>
        Feed(new DeploymentInput.LineageGranted(Spec.Infrastructure.Id, highestRevisionEver, Tick()));

    public DeploymentScript Succeed(string? detail = null) =>
        Feed(DeploymentInput.StepOutcome.Succeeded(InFlight.Step.Id, Tick(), ResultOf(InFlight.Step.Action), detail));

    public DeploymentScript Fail(StepFailureKind kind, string message, string? code = null) =>
        Feed(DeploymentInput.StepOutcome.Failed(InFlight.Step.Id, new StepFailure(kind, message, code), Tick()));

    public DeploymentScript Approve(string by) => Feed(new DeploymentInput.Approve(by, Tick(), InFlight.Step.Id));

    public DeploymentScript Abort(string by, string reason) => Feed(new DeploymentInput.Abort(by, reason, Tick()));

    public DeploymentScript RequestRollback(string by, string reason) => Feed(new DeploymentInput.RequestRollback(by, reason, Tick()));

    /// <summary>Succeeds every step (approving approvals as bob) until nothing runs or <paramref name="stopAt"/> is the step running.</summary>
    public DeploymentScript SucceedUntil(Func<PlannedStep, bool>? stopAt = null)
    {
        for (var guard = 0; State.InFlight is { } running && guard < 500; guard++)
        {
            if (stopAt?.Invoke(running.Step) == true)
                return this;
            if (running.Step.Action is AwaitApproval)
                Approve("bob");
            else
                Succeed();
        }
        return this;
    }

    private StepResult? ResultOf(StepAction action) => action switch
    {
        DiscoverSetup => new SetupObserved(inventory),
        CreateLaunchTemplateVersion create => new LaunchTemplateVersionCreated(create.LaunchTemplateId, create.SourceVersion + 1),
        CreateLaunchTemplate => new LaunchTemplateVersionCreated("lt-0fedcba9876543210", 1),
        _ => null,
    };

    private DeploymentScript Feed(DeploymentInput input)
    {
        var decision = Deployment.Decide(State, input);
        State = decision.Events.Aggregate(State, Deployment.Evolve);
        if (decision.Events.Count > 0)
            Writes.Add(decision.Events);
        return this;
    }

    private DateTimeOffset Tick() => now = now.AddSeconds(1);
}
