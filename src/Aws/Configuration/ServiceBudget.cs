namespace AmiOrchestrator.Aws.Configuration;

/// <summary>One service's call budget: <see cref="RequestsPerSecond"/> refilled into a bucket of <see cref="Burst"/> tokens.</summary>
public sealed record ServiceBudget(double RequestsPerSecond, int Burst)
{
    internal IEnumerable<string> Problems(string path)
    {
        if (!(RequestsPerSecond > 0) || double.IsInfinity(RequestsPerSecond))
            yield return $"{path}.RequestsPerSecond must be a positive number";
        if (Burst < 1)
            yield return $"{path}.Burst must be at least 1";
    }
}
