namespace AmiOrchestrator.Domain.Cloud;

/// <summary>Thrown by <see cref="ICloud"/> when a call fails; <see cref="Error"/> says how.</summary>
public sealed class CloudException : Exception
{
    public CloudException(CloudError error)
        : base(error.ToString()) => Error = error;

    public CloudException(CloudError error, Exception innerException)
        : base(error.ToString(), innerException) => Error = error;

    public CloudError Error { get; }

    public bool IsNotFound => CloudErrorCodes.IsNotFound(Error);
}
