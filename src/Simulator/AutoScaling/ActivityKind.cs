namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>What a scaling activity did.</summary>
internal enum ActivityKind
{
    Launch,
    Terminate,
}
