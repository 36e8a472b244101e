namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>What the endpoint does once an action has run: answer, answer 500 anyway, or hang up.</summary>
internal enum AfterApplying
{
    Answer,
    ServerError,
    Drop,
}
