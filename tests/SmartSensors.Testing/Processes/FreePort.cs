using System.Net;
using System.Net.Sockets;

namespace SmartSensors.Testing.Processes;

/// <summary>Finds free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    /// <summary>Asks the kernel for an unused loopback port. The port is free when returned; a server
    /// should bind it promptly.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
