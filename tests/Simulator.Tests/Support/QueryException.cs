namespace AmiOrchestrator.Simulator.Tests.Support;

/// <summary>An AWS error answer received by <see cref="QueryClient"/>.</summary>
internal sealed class QueryException(string code, string message, int status) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;

    public string AwsMessage { get; } = message;

    public int Status { get; } = status;
}
