using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Testing.Tests;

/// <summary>Runs Mosquitto's own command-line clients against a fixture broker.</summary>
internal static class MosquittoClients
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts <c>mosquitto_sub</c> and returns once the broker has acknowledged the subscription.</summary>
    public static async Task<ChildProcess> SubscribeAsync(MosquittoFixture broker, string topic, int count, params string[] extra)
    {
        var tool = RequiredTool.Find("mosquitto_sub", "mosquitto-clients");
        // stdbuf: mosquitto_sub block-buffers stdout into a pipe; line buffering lets us see SUBACK at once.
        string[] arguments = ["-oL", tool, "-h", broker.Host, "-p", broker.Port.ToString(), "-t", topic, "-C", count.ToString(), "-W", "60", "-q", "1", "-d", .. extra];
        var process = ChildProcess.Start(RequiredTool.Find("stdbuf", "coreutils"), arguments, "mosquitto_sub");
        await process.WaitForLineAsync(l => l.Contains("received SUBACK", StringComparison.Ordinal), Timeout);
        return process;
    }

    /// <summary>Runs <c>mosquitto_pub</c> to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> PublishAsync(MosquittoFixture broker, string topic, string message, params string[] extra)
    {
        var tool = RequiredTool.Find("mosquitto_pub", "mosquitto-clients");
        string[] arguments = ["-h", broker.Host, "-p", broker.Port.ToString(), "-t", topic, "-m", message, "-q", "1", .. extra];
        await using var process = ChildProcess.Start(tool, arguments, "mosquitto_pub");
        var code = await process.WaitForExitAsync(Timeout);
        return (code, process.RecentOutput);
    }

    /// <summary>The payload lines <c>mosquitto_sub -d</c> printed (debug lines filtered out).</summary>
    public static IReadOnlyList<string> Payloads(ChildProcess subscriber) =>
        subscriber.RecentOutput.Split(Environment.NewLine)
            .Where(l => l.Length > 0 && !l.StartsWith("Client ", StringComparison.Ordinal) && !l.StartsWith("Subscribed", StringComparison.Ordinal))
            .ToList();
}
