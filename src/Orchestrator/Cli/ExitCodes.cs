using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>
/// What the exit code of every verb tells a script (README "Exit codes" and every verb's --help say the same). A
/// deployment's end has a code of its own per outcome, so a pipeline can tell a rollback that worked from one that did not.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The deployment succeeded; or, for a verb that reads or sends a command, it was answered and taken.</summary>
    public const int Ok = 0;

    /// <summary>An error nobody planned for (a bug): the message and the stack trace go to standard error.</summary>
    public const int Unexpected = 1;

    /// <summary>Invalid input: a spec (every problem printed with its path, nothing persisted), an argument or the configuration.</summary>
    public const int InvalidInput = 2;

    public const int Failed = 3;
    public const int RolledBack = 4;
    public const int Aborted = 5;
    public const int RollbackFailed = 6;

    /// <summary>The engine refused the command in the deployment's state (no gate waiting, already ended, a full lineage queue).</summary>
    public const int Refused = 7;

    /// <summary>No deployment has the id given.</summary>
    public const int NotFound = 8;

    /// <summary>Could not reach the cluster (no node answered), the cloud or the database.</summary>
    public const int Unreachable = 10;

    public const string Legend =
        "Exit codes: 0 succeeded (or the command was taken), 2 invalid input, 3 failed, 4 rolled back, 5 aborted, "
        + "6 rollback failed, 7 refused by the engine, 8 no such deployment, 10 could not reach the cluster, the cloud or "
        + "the database, 1 unexpected error.";

    /// <summary>The code of a deployment that has ended (or of one that has not, which only an interrupted watch reports).</summary>
    public static int Of(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Succeeded => Ok,
        DeploymentStatus.Failed => Failed,
        DeploymentStatus.RolledBack => RolledBack,
        DeploymentStatus.Aborted => Aborted,
        DeploymentStatus.RollbackFailed => RollbackFailed,
        _ => Unexpected,
    };
}
