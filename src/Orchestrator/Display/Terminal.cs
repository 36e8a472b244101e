using System.Globalization;
using AmiOrchestrator.Actors.Deployments;
using Spectre.Console;

namespace AmiOrchestrator.Orchestrator.Display;

/// <summary>
/// Where a verb writes. Text for people goes to standard output, or to standard error with <c>--output json</c>, so
/// that standard output holds the JSON alone (its last line is the result). On a terminal a deployment is drawn as a
/// live view; anywhere else (a pipe, a CI log, a test) it is followed one line per change.
/// </summary>
internal sealed class Terminal
{
    public Terminal(OutputFormat format)
    {
        Format = format;
        Human = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(format == OutputFormat.Json ? Console.Error : StandardOutput.Writer) });
        // Without a terminal Spectre assumes 80 columns; a log line or a table is easier to read unwrapped.
        if (!Human.Profile.Capabilities.Interactive)
            Human.Profile.Width = 160;
    }

    public OutputFormat Format { get; }

    public IAnsiConsole Human { get; }

    /// <summary>True on a terminal a person watches: the view is redrawn in place and a gate can be asked about.</summary>
    public bool IsInteractive => Human.Profile.Capabilities.Interactive && Human.Profile.Capabilities.Ansi && !Console.IsInputRedirected;

    /// <summary>The machine-readable result, on its own line of standard output.</summary>
    public void Result(string json)
    {
        if (Format == OutputFormat.Json)
            StandardOutput.Writer.WriteLine(json);
    }

    /// <summary>
    /// Runs <paramref name="body"/>, which reports each view of a deployment with the notes so far, drawn live on a
    /// terminal or one line per change elsewhere.
    /// </summary>
    public Task ShowAsync(Func<Action<DeploymentView, IReadOnlyList<string>>, Task> body)
    {
        if (!IsInteractive)
        {
            var lines = new LineProgress(Human);
            return body(lines.Show);
        }
        return Human.Live(new Text("")).AutoClear(false).Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(context => body((view, notes) =>
            {
                context.UpdateTarget(DeploymentRendering.Live(view, notes));
                context.Refresh();
            }));
    }

    /// <summary>One line per change of status, phase, step or sizes, then each new warning and note as it appears.</summary>
    private sealed class LineProgress(IAnsiConsole console)
    {
        private string? lastLine;
        private int warningsShown;
        private int notesShown;

        public void Show(DeploymentView view, IReadOnlyList<string> notes)
        {
            var line = DeploymentRendering.Line(view);
            if (line != lastLine)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{TimeProvider.System.GetUtcNow():HH:mm:ss} {line}"));
                lastLine = line;
            }
            for (; warningsShown < view.Warnings.Count; warningsShown++)
                console.WriteLine("  warning: " + view.Warnings[warningsShown]);
            for (; notesShown < notes.Count; notesShown++)
                console.WriteLine("  " + notes[notesShown]);
        }
    }
}
