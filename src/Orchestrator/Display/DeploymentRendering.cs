using System.Globalization;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AmiOrchestrator.Orchestrator.Display;

/// <summary>How deployments, their groups and lists of them look on a terminal.</summary>
internal static class DeploymentRendering
{
    private const int BarWidth = 30;

    /// <summary>The live view: what deploys where, a phase bar, the step in progress, the groups' sizes, warnings and notes.</summary>
    public static IRenderable Live(DeploymentView view, IReadOnlyList<string> notes)
    {
        var rows = new List<IRenderable>
        {
            new Markup($"[bold]{Esc(view.DeploymentId)}[/]  {Esc(view.Service ?? "?")} to {Esc(view.Environment ?? "?")} ({Esc(view.Lineage ?? "?")}), {Esc(Strategy(view))}"),
            new Markup($"{StatusMarkup(view.Status)}  {Bar(view)}  phase {view.Phase} of {view.Phases}{Queue(view)}"),
            new Markup("step: " + Esc(Step(view))),
            Groups(view),
        };
        if (view.FailureReason is { } failure)
            rows.Add(new Markup("[red]failure:[/] " + Esc(failure)));
        rows.AddRange(view.Warnings.Select(w => new Markup("[yellow]warning:[/] " + Esc(w))));
        rows.AddRange(notes.TakeLast(5).Select(n => new Markup("[grey]" + Esc(n) + "[/]")));
        return new Rows(rows);
    }

    /// <summary>The same in one line, for logs and pipes.</summary>
    public static string Line(DeploymentView view)
    {
        var groups = string.Join("  ", DeploymentResult.GroupsOf(view).Select(g => $"{g.Role} {g.Name} {Sizes(g)}"));
        return $"{StatusName(view.Status)} phase {view.Phase}/{view.Phases}{Queue(view)}  step {Step(view)}  {groups}".TrimEnd();
    }

    /// <summary>The lineage's groups as the read model knows them, newest revision first.</summary>
    public static Table Lineage(LineageHistory history)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"lineage {Esc(history.LineageId)}");
        table.AddColumns("group", "revision", "role", "min", "desired", "max", "state", "last deployment");
        foreach (var group in history.Groups)
        {
            table.AddRow(
                Esc(group.Name),
                Number(group.Revision),
                Esc(CamelCaseEnumConverter<GroupRole>.NameOf(group.LastRole)),
                Number(group.MinSize),
                Number(group.DesiredCapacity),
                Number(group.MaxSize),
                group.DeletedAt is null ? "kept" : "[grey]deleted[/]",
                Esc(group.LastDeploymentId));
        }
        return table;
    }

    public static Table List(DeploymentPage page)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("id", "lineage", "service", "status", "phase", "new group", "previous group", "submitted");
        foreach (var d in page.Deployments)
        {
            table.AddRow(
                Esc(d.DeploymentId),
                Esc(d.LineageId),
                Esc(d.Service),
                StatusMarkup(d.Status),
                d.Phase is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{d.Phase}/{d.PhaseCount}"),
                Esc(d.NewAsg ?? "-"),
                Esc(d.PreviousAsg ?? "-"),
                d.SubmittedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }
        return table;
    }

    public static string StatusName(DeploymentStatus status) => CamelCaseEnumConverter<DeploymentStatus>.NameOf(status);

    private static Table Groups(DeploymentView view)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("group", "role", "min", "desired", "max");
        foreach (var group in DeploymentResult.GroupsOf(view))
        {
            var name = group.Deleted ? $"[grey]{Esc(group.Name)} (deleted)[/]" : Esc(group.Name);
            table.AddRow(name, Esc(group.Role), Number(group.MinSize), Number(group.DesiredCapacity), Number(group.MaxSize));
        }
        return table;
    }

    private static string Strategy(DeploymentView view) =>
        view.Strategy is { } strategy ? CamelCaseEnumConverter<StrategyType>.NameOf(strategy) : "?";

    // A step id starts with the deployment's id, which the view already shows.
    private static string Step(DeploymentView view) => view.CurrentStep is { } id && id.StartsWith(view.DeploymentId + "/", StringComparison.Ordinal) ? Step(view, id[(view.DeploymentId.Length + 1)..]) : Step(view, view.CurrentStep);

    private static string Step(DeploymentView view, string? current) => current is { } step
        ? view.CurrentStepDeadline is { } deadline ? string.Create(CultureInfo.InvariantCulture, $"{step} (deadline {deadline:HH:mm:ss})") : step
        : "-";

    private static string Queue(DeploymentView view) => view.QueuePosition is { } position ? $" (queued, position {position})" : "";

    private static string Bar(DeploymentView view)
    {
        var done = view.Phases == 0 ? 0 : (int)Math.Round(BarWidth * (double)view.Phase / view.Phases, MidpointRounding.AwayFromZero);
        return $"[green]{new string('█', done)}[/][grey]{new string('░', BarWidth - done)}[/]";
    }

    private static string StatusMarkup(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Succeeded => "[green]succeeded[/]",
        DeploymentStatus.Failed or DeploymentStatus.RollbackFailed => $"[red]{StatusName(status)}[/]",
        DeploymentStatus.RolledBack or DeploymentStatus.Aborted or DeploymentStatus.RollingBack => $"[yellow]{StatusName(status)}[/]",
        _ => $"[blue]{StatusName(status)}[/]",
    };

    private static string Sizes(GroupView group) => $"{Number(group.MinSize)}/{Number(group.DesiredCapacity)}/{Number(group.MaxSize)}{(group.Deleted ? " deleted" : "")}";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Esc(string text) => Markup.Escape(text);
}
