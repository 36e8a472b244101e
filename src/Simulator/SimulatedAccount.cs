namespace AmiOrchestrator.Simulator;

/// <summary>
/// An AWS account the simulator knows, with the long-term access key that signs its requests. A request's account is
/// the account of the key that signed it (or of the role whose session credentials signed it).
/// </summary>
public sealed record SimulatedAccount(string AccountId, string AccessKeyId, string SecretAccessKey)
{
    /// <summary>AWS's documentation example keys, for an account that needs no configuration.</summary>
    public static SimulatedAccount Default { get; } =
        new("123456789012", "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
}
