namespace AmiOrchestrator.Simulator.Tests.Support;

/// <summary>What one AWS CLI call printed and how it exited.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError);
