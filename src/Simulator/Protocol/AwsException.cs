namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>A failure reported to the caller in AWS's own words: error code, message and HTTP status.</summary>
internal sealed class AwsException : Exception
{
    public AwsException(string code, string message, int httpStatus = 400)
        : base(message)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    public string Code { get; }

    public int HttpStatus { get; }

    /// <summary>The awsQuery <c>Type</c>: Sender for the caller's mistakes (4xx), Receiver for the service's (5xx).</summary>
    public bool SenderFault => HttpStatus < 500;
}
