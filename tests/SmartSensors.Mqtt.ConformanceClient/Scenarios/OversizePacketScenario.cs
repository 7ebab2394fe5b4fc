namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 11-prop-oversize-packet (v5): the CONNACK says Maximum Packet Size 30. on_connect subscribes and unsubscribes a 31-character
/// filter and publishes "pub/test" with a 19-byte payload — each must be refused by the library (MOSQ_ERR_OVERSIZE_PACKET)
/// without sending — then publishes an 18-byte payload that must go out; on_publish disconnects. exit(1) on any difference.
/// </summary>
internal sealed class OversizePacketScenario : IConformanceScenario
{
    private const string LongFilter = "0123456789012345678901234567890";

    public string Name => "11-prop-oversize-packet";

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("publish-qos0-test", MqttProtocolVersion.V500));
        var connack = await client.TryConnectAsync(cancellationToken);
        if (connack is null)
        {
            return ExitCodes.Failure;
        }

        context.Log($"broker Maximum Packet Size: {connack.ServerMaximumPacketSize}");
        if (!await RefusedAsync(context, "subscribe", () => client.Mqtt.SubscribeAsync([new MqttSubscription { TopicFilter = LongFilter, MaximumQualityOfService = MqttQualityOfService.AtMostOnce }], cancellationToken))
            || !await RefusedAsync(context, "unsubscribe", () => client.Mqtt.UnsubscribeAsync([LongFilter], cancellationToken))
            || !await RefusedAsync(context, "publish 1", () => client.Mqtt.PublishAsync(Message("0123456789012345678"), cancellationToken)))
        {
            return ExitCodes.Failure;
        }

        try
        {
            await client.Mqtt.PublishAsync(Message("012345678901234567"), cancellationToken);
        }
        catch (MqttException ex)
        {
            context.Log($"Fail on publish 2: {ScenarioClient.Describe(ex)}");
            return ExitCodes.Failure;
        }

        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static MqttApplicationMessage Message(string payload) =>
        new() { Topic = "pub/test", Payload = MessageCheck.Utf8(payload), QualityOfService = MqttQualityOfService.AtMostOnce };

    private static async Task<bool> RefusedAsync(ScenarioContext context, string what, Func<Task> operation)
    {
        try
        {
            await operation();
            context.Log($"Fail on {what}: the library sent a packet larger than the broker's Maximum Packet Size");
            return false;
        }
        catch (MqttException ex)
        {
            context.Log($"{what} refused as expected: {ScenarioClient.Describe(ex)}");
            return true;
        }
    }
}
