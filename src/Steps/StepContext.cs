using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Deployments;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Steps;

/// <summary>What the code of one step works with: the cloud of the deployment's account and region, the request, the clock and the step's deadline.</summary>
internal sealed record StepContext(ICloud Cloud, StepRequest Request, TimeProvider Time, StepExecutorOptions Options, HttpClient Http, ILogger Logger)
{
    public StepAction Action => Request.Step.Action;

    public DateTimeOffset? Deadline => Request.Started.Deadline;

    public string DeploymentId => Request.DeploymentId;
}
