namespace AmiOrchestrator.Domain.Cloud;

/// <summary>Hands out the <see cref="ICloud"/> for an account (by the role to assume, if any) and region.</summary>
public interface ICloudProvider
{
    ICloud For(CloudTarget target);
}
