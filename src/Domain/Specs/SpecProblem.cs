namespace AmiOrchestrator.Domain.Specs;

/// <summary>One thing wrong with a spec: where (a JSON path such as <c>strategy.phases[1].percent</c>) and which rule it breaks.</summary>
public sealed record SpecProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
