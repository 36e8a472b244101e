using System.Text;

namespace AmiOrchestrator.Bench.Reporting;

/// <summary>
/// The results of one run as markdown: a heading per scenario, its tables and the notes that say how each figure was
/// taken. Written as the run goes, so that a scenario that fails still leaves the ones before it.
/// </summary>
internal sealed class Report(string path, string command, Machine machine)
{
    private readonly StringBuilder text = new();

    public void Start()
    {
        text.AppendLine("# Benchmark results (generated)").AppendLine()
            .AppendLine($"Command: `{command}`").AppendLine()
            .AppendLine($"Machine: {machine.Describe()}").AppendLine();
        Flush();
    }

    /// <summary>A file beside the report, such as <c>full.reactions.csv</c> for <c>full.md</c>, for data too long for a table.</summary>
    public string Beside(string suffix)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return Path.ChangeExtension(path, suffix);
    }

    public void Section(string title) => text.AppendLine($"## {title}").AppendLine();

    public void Note(string note) => text.AppendLine(note).AppendLine();

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select(_ => " --- |")));
        foreach (var row in rows)
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        text.AppendLine();
        Flush();
    }

    public void Flush()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text.ToString());
    }
}
