namespace AmiOrchestrator.Orchestrator.Display;

/// <summary>
/// Standard output, kept for what the verbs print. Akka writes a few lines straight to the console that no host
/// logging setting reaches (as an actor system shuts down, after the host's loggers are gone); for the verbs whose
/// standard output a script reads (the last line of <c>--output json</c>), the console's writer is pointed at standard
/// error, and the verbs write here.
/// </summary>
internal static class StandardOutput
{
    public static TextWriter Writer { get; private set; } = Console.Out;

    public static void Reserve()
    {
        Writer = Console.Out;
        Console.SetOut(Console.Error);
    }
}
