using System.CommandLine.Parsing;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>Reads an option's value as an absolute http(s) URL, or names the option and the problem.</summary>
internal static class AbsoluteUrl
{
    public static Uri? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            return url;
        result.AddError($"{(result.Parent as OptionResult)?.Option.Name ?? "URL"}: '{text}' is not an absolute http or https URL");
        return null;
    }
}
