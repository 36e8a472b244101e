namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>One thing wrong with a read-model query: the field (as the HTTP API names its parameter) and what is wrong with it.</summary>
public sealed record QueryProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
