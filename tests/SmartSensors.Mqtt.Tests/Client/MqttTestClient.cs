using SmartSensors.Mqtt.Client;
using SmartSensors.Testing.Mosquitto;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>Helpers for integration tests against the real mosquitto fixture.</summary>
internal static class MqttTestClient
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static int s_counter;

    public static MqttClientOptions Options(MosquittoFixture broker, MqttProtocolVersion version = MqttProtocolVersion.V500, string? clientId = null) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        ProtocolVersion = version,
        ClientId = clientId ?? $"t{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}",
        Reconnect = new MqttReconnectOptions { MinDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) },
        KeepAliveSeconds = 30,
    };

    public static async Task<IMqttClient> ConnectAsync(MqttClientOptions options, TappedTransportFactory? tap = null)
    {
        options.Validate();
        var client = tap is null ? MqttClientFactory.Create(options, FileTestLogger.Instance) : new MqttClient(options, FileTestLogger.Instance, tap);
        using var cts = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(cts.Token);
        return client;
    }

    public static async Task<MqttReceivedMessage> ReceiveAsync(this IMqttClient client, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        return await client.Messages.ReadAsync(cts.Token);
    }

    /// <summary>Asserts that nothing arrives within <paramref name="quiet"/> (used only to prove an absence).</summary>
    public static async Task AssertNothingReceivedAsync(this IMqttClient client, TimeSpan quiet)
    {
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            var message = await client.Messages.ReadAsync(cts.Token);
            Assert.Fail($"Unexpected message on '{message.Topic}'.");
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static Task<MqttPublishResult> PublishAsync(this IMqttClient client, string topic, string payload, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce, bool retain = false)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return client.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = System.Text.Encoding.UTF8.GetBytes(payload), QualityOfService = qos, Retain = retain }, cts.Token);
    }

    public static async Task<MqttSubscribeResult> SubscribeAsync(this IMqttClient client, string filter, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await client.SubscribeAsync([new MqttSubscription { TopicFilter = filter, MaximumQualityOfService = qos }], cts.Token);
    }

    public static string Text(this MqttReceivedMessage message) => System.Text.Encoding.UTF8.GetString(message.Payload.Span);
}
