namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// v5 twins whose on_connect publishes several QoS 1/2 messages at once, more than the broker's Receive Maximum (its CONNACK
/// says 1, 2 or 3): the client must keep at most that many in flight, send them in order with packet ids 1, 2, 3..., and send
/// the next one as soon as an acknowledgement frees a slot. When the last completes the twin disconnects (or just exits).
/// 03-publish-c2b-qos1-receive-maximum (6 × QoS 1, quota 3), 03-publish-c2b-qos2-receive-maximum-1/-2 (5 × QoS 2, quota 1/2),
/// 03-publish-c2b-qos2-pubrec-error (quota 1; the first PUBREC carries 0x80, which ends that flow and frees the slot).
/// </summary>
internal sealed class PublishBurstScenario(
    string name,
    string clientId,
    MqttQualityOfService qos,
    IReadOnlyList<string> payloads,
    bool disconnectAfterwards) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions(clientId, MqttProtocolVersion.V500));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        // Like the C loop of mosquitto_publish_v5 calls: all are handed over at once, none awaited before the next.
        var publishes = payloads
            .Select(payload => client.Mqtt.PublishAsync(new MqttApplicationMessage { Topic = "topic", Payload = MessageCheck.Utf8(payload), QualityOfService = qos }, cancellationToken))
            .ToList();
        var results = await Task.WhenAll(publishes);
        context.Log($"publish results: {string.Join(", ", results.Select(r => $"0x{(byte)r.ReasonCode:X2}"))}");

        if (!disconnectAfterwards)
        {
            return ExitCodes.Success;
        }

        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
