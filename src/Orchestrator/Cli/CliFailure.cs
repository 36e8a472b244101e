namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>
/// A failure the user can act on: one clear message (what happened and what to do) and the exit code that says which
/// kind it is. Verbs throw it from any depth; the command line prints the message alone, without a stack trace.
/// </summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
