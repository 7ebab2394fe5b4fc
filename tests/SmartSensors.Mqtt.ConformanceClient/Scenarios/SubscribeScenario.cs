namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>02-subscribe-qos0/1/2 (3.1.1): on_connect subscribes to one topic; on_subscribe disconnects; run = 0.</summary>
internal sealed class SubscribeScenario(string name, string clientId, string topic, MqttQualityOfService qos) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions(clientId, MqttProtocolVersion.V311));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        var result = await client.Mqtt.SubscribeAsync([new MqttSubscription { TopicFilter = topic, MaximumQualityOfService = qos }], cancellationToken);
        context.Log($"SUBACK: {string.Join(", ", result.ReasonCodes.Select(c => $"0x{(byte)c:X2}"))}");

        // on_subscribe disconnects whatever was granted.
        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
