namespace AmiOrchestrator.Web.Security;

/// <summary>What an endpoint does with the engine, and so which token it needs.</summary>
internal enum Access
{
    Read,
    Write,
}
