using System.Reflection;

namespace AmiOrchestrator.TestSupport;

/// <summary>The repository the tests were built from, for tests that read (or record) the repository's own files.</summary>
public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);
}
