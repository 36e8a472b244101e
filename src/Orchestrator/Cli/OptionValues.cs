using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>Parsers and checks shared by the verbs' options, each error naming the option.</summary>
internal static class OptionValues
{
    /// <summary>Whether the option was written on the command line (a validator must not read a value that failed to parse).</summary>
    public static bool Given(this CommandResult command, Option option) => command.GetResult(option) is { Tokens.Count: > 0 };

    /// <summary>A clock speed: a positive, finite number of simulated seconds per real second.</summary>
    public static double? Speed(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && double.IsFinite(speed) && speed > 0)
            return speed;
        result.AddError($"{Name(result)}: '{text}' is not a positive number");
        return null;
    }

    private static string Name(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "value";
}
