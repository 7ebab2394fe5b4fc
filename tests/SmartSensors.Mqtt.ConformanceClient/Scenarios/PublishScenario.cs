namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// on_connect publishes one message; on_publish (PUBACK for QoS 1, PUBCOMP for QoS 2, written for QoS 0) disconnects; run = 0.
/// 03-publish-qos0, 03-publish-qos0-no-payload, 03-publish-c2b-qos2 (3.1.1); 03-publish-c2b-qos1-len, 03-publish-c2b-qos2-len
/// (v5, four runs with acknowledgements of length 2, 3, 4 and &gt; 5); 11-prop-send-content-type, 11-prop-send-payload-format (v5).
/// With <paramref name="reconnect"/>: 03-publish-c2b-qos1-disconnect / 03-publish-c2b-qos2-disconnect, whose broker drops the
/// connection with the message in flight; the twin reconnects at once (mosquitto_reconnect in on_disconnect), publishes only
/// on the first connection, and disconnects when the flow completes on a later one.
/// </summary>
internal sealed class PublishScenario(
    string name,
    string clientId,
    MqttProtocolVersion version,
    Func<MqttApplicationMessage> message,
    bool reconnect = false) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var options = context.CreateOptions(clientId, version);
        if (reconnect)
        {
            options.Reconnect = ScenarioContext.ImmediateReconnect();
        }

        var client = context.CreateClient(options);
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        MqttPublishResult result;
        try
        {
            result = await client.Mqtt.PublishAsync(message(), cancellationToken);
        }
        catch (MqttException ex)
        {
            context.Log($"publish failed: {ScenarioClient.Describe(ex)}");
            return ExitCodes.Failure;
        }

        context.Log($"publish completed: reason 0x{(byte)result.ReasonCode:X2}");
        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
