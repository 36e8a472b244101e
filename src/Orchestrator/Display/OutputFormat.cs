namespace AmiOrchestrator.Orchestrator.Display;

/// <summary>How a verb that reads prints: for people, or as JSON for scripts (the last line on standard output).</summary>
internal enum OutputFormat
{
    Text,
    Json,
}
