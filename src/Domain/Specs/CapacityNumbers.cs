namespace AmiOrchestrator.Domain.Specs;

/// <summary>A min / desired / max triple.</summary>
public sealed record CapacityNumbers(int Min, int Desired, int Max)
{
    public override string ToString() => $"min {Min}, desired {Desired}, max {Max}";
}
