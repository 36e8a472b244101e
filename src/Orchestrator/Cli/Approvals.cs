namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>What following a deployment does when a manual gate waits.</summary>
internal enum Approvals
{
    /// <summary>Say how to approve or reject from another shell, and keep following (a script, or a read-only watch).</summary>
    Tell,

    /// <summary>Ask the person at the terminal, then approve or reject.</summary>
    Ask,

    /// <summary>Approve every gate as it comes (<c>run --approve</c>).</summary>
    Approve,
}
