using System.CommandLine;
using AmiOrchestrator.Orchestrator.Display;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>The command line: its verbs, how a parse error and a <see cref="CliFailure"/> become one line and an exit code.</summary>
internal static class OrchestratorCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand($"""
            ami-orchestrator: rolls new AMIs out to AWS Auto Scaling groups (Basic, Canary, Blue/Green, with rollback).

            Start with:  ami-orchestrator run deploy/examples/canary.json --approve
            {ExitCodes.Legend}
            """);
        foreach (var verb in new[]
        {
            RunCommand.Create(),
            ServeCommand.Create(),
            SimulatorCommand.Create(),
            SubmitCommand.Create(),
            ReadCommands.Status(),
            ReadCommands.List(),
            ReadCommands.Watch(),
            ControlCommands.Rollback(),
            ControlCommands.Abort(),
            ControlCommands.Approve(),
            ControlCommands.Reject(),
        })
            root.Subcommands.Add(verb);
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await Console.Error.WriteLineAsync(error.Message);
            await Console.Error.WriteLineAsync($"See '{parse.CommandResult.Command.Name} --help'.");
            return ExitCodes.InvalidInput;
        }
        // A node's log (serve) and the simulator's lines are the console's; every other verb keeps standard output for its results.
        if (parse.CommandResult.Command.Name is not ("serve" or "simulator"))
            StandardOutput.Reserve();
        try
        {
            // Failures are ours to report: a CliFailure as its one line, anything else with its stack trace.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = StandardOutput.Writer });
        }
        catch (CliFailure failure)
        {
            await Console.Error.WriteLineAsync(failure.Message);
            return failure.ExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Unexpected error: " + e);
            return ExitCodes.Unexpected;
        }
    }
}
