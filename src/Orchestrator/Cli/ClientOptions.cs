using System.CommandLine;
using AmiOrchestrator.Orchestrator.Client;
using AmiOrchestrator.Orchestrator.Display;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>The options of every verb that talks to a running cluster through the cluster client.</summary>
internal sealed class ClientOptions
{
    public Option<string[]> Contact { get; } = new("--contact")
    {
        Description = $"A node's cluster address, HOST:PORT (its --cluster-port); repeat it for several nodes. Default {Client.Contact.Default}.",
        HelpName = "HOST:PORT",
        DefaultValueFactory = _ => [Client.Contact.Default],
    };

    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to keep asking before giving up on the cluster (exit code 10). Default 10.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 10,
    };

    public Option<OutputFormat> Output { get; } = new("--output")
    {
        Description = "text (default) or json: one JSON object, the last line on standard output (text then goes to standard error).",
        HelpName = "text|json",
        DefaultValueFactory = _ => OutputFormat.Text,
    };

    /// <summary>Adds the contact and timeout options, and the output option to verbs that read.</summary>
    public Command AddTo(Command command, bool reads)
    {
        command.Options.Add(Contact);
        command.Options.Add(Timeout);
        if (reads)
            command.Options.Add(Output);
        Timeout.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds < 1)
                result.AddError("--timeout must be at least 1 second");
        });
        return command;
    }

    public IReadOnlyList<Contact> Contacts(ParseResult parse) => [.. parse.GetValue(Contact)!.Select(Client.Contact.Parse)];

    public Task<EngineClient> ConnectAsync(ParseResult parse, CancellationToken cancellationToken) =>
        EngineClient.ConnectAsync(Contacts(parse), TimeSpan.FromSeconds(parse.GetValue(Timeout)), log: null, cancellationToken);

    public Terminal Terminal(ParseResult parse) => new(parse.GetValue(Output));
}
