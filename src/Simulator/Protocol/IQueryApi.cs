namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>A simulated service: how it speaks, and its actions by name.</summary>
internal interface IQueryApi
{
    ServiceProfile Profile { get; }

    IReadOnlyDictionary<string, Operation> Operations { get; }
}
