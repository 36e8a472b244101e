using System.Net;
using System.Net.Sockets;

namespace AmiOrchestrator.TestSupport;

/// <summary>Loopback ports nobody holds right now, so parallel test runs never collide on a fixed one.</summary>
public static class FreePort
{
    /// <summary>A port the operating system just handed out and took back; whoever binds it next gets it (retry on a clash).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
