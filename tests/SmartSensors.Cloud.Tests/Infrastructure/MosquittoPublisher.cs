using System.Globalization;
using System.Text;
using SmartSensors.Testing.Mosquitto;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>Publishes with <c>mosquitto_pub</c> (a separate client, not ours) at QoS 1.</summary>
internal static class MosquittoPublisher
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Publishes one message with any bytes (via a file; <c>-n</c> for an empty payload).</summary>
    public static async Task PublishAsync(MosquittoFixture broker, string topic, byte[] payload, TemporaryDirectory scratch)
    {
        var tool = RequiredTool.Find("mosquitto_pub", "mosquitto-clients");
        var arguments = new List<string> { "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", topic };
        if (payload.Length == 0)
        {
            arguments.Add("-n");
        }
        else
        {
            var file = scratch.File($"payload-{Guid.NewGuid():N}.bin");
            await File.WriteAllBytesAsync(file, payload);
            arguments.AddRange(["-f", file]);
        }

        await using var process = ChildProcess.Start(tool, arguments, $"mosquitto_pub {topic}");
        var exit = await process.WaitForExitAsync(Timeout);
        Assert.True(exit == 0, process.Describe($"exited with {exit}"));
    }

    /// <summary>
    /// Starts publishing single-line payloads to <paramref name="topic"/> (one message per line, <c>mosquitto_pub -l</c>),
    /// optionally paced by <paramref name="interval"/> per message so the stream lasts a while. Await the returned
    /// process's exit for the end of the stream.
    /// </summary>
    public static ChildProcess StartStream(MosquittoFixture broker, string topic, IEnumerable<byte[]> payloads, TemporaryDirectory scratch, TimeSpan? interval = null)
    {
        var tool = RequiredTool.Find("mosquitto_pub", "mosquitto-clients");
        var file = scratch.File($"stream-{Guid.NewGuid():N}.txt");
        using (var stream = File.Create(file))
        {
            foreach (var payload in payloads)
            {
                if (payload.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') >= 0)
                {
                    throw new ArgumentException("Stream payloads must be single lines.", nameof(payloads));
                }

                stream.Write(payload);
                stream.WriteByte((byte)'\n');
            }
        }

        var publish = $"{tool} -h {broker.Host} -p {broker.Port.ToString(CultureInfo.InvariantCulture)} -q 1 -t '{topic}' -l";
        var script = interval is { } pace
            ? $"while IFS= read -r line; do printf '%s\\n' \"$line\"; sleep {pace.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}; done < '{file}' | {publish}"
            : $"{publish} < '{file}'";
        return ChildProcess.Start("/bin/sh", ["-c", script], $"mosquitto_pub stream {topic}");
    }

    /// <summary>Waits for a stream to finish and checks it succeeded.</summary>
    public static async Task WaitAsync(ChildProcess stream, TimeSpan timeout)
    {
        var exit = await stream.WaitForExitAsync(timeout);
        Assert.True(exit == 0, stream.Describe($"exited with {exit}"));
    }

    public static string Describe(byte[] payload) => Encoding.UTF8.GetString(payload.AsSpan(0, Math.Min(payload.Length, 200)));
}
