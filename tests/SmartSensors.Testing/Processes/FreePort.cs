using System.Net;
using System.Net.Sockets;

namespace SmartSensors.Testing.Processes;

/// <summary>Finds free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    // Ports handed out recently by this process. The kernel may give the same ephemeral port to two asks in a row
    // (a fixture asking for a plain and a TLS port once got the same one twice), so none is handed out twice while
    // it is likely still to be bound.
    private const int Remembered = 4096;
    private static readonly HashSet<int> Recent = [];
    private static readonly Queue<int> RecentOrder = new();

    /// <summary>Asks the kernel for an unused loopback port that this process has not handed out recently. The port is
    /// free when returned; a server should bind it promptly.</summary>
    public static int Next()
    {
        lock (Recent)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (!Recent.Add(port))
                {
                    continue;
                }

                RecentOrder.Enqueue(port);
                if (RecentOrder.Count > Remembered)
                {
                    Recent.Remove(RecentOrder.Dequeue());
                }

                return port;
            }
        }
    }
}
