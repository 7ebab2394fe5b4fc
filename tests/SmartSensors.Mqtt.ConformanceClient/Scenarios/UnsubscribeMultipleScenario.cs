namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>02-unsubscribe-multiple-v5: subscribe "unsubscribe/test" QoS 2; on_subscribe unsubscribes
/// {"unsubscribe/test", "no-sub"} in one UNSUBSCRIBE (the broker answers 0x00, 0x11); on_unsubscribe disconnects.</summary>
internal sealed class UnsubscribeMultipleScenario : IConformanceScenario
{
    public string Name => "02-unsubscribe-multiple-v5";

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("unsubscribe-test", MqttProtocolVersion.V500));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        await client.Mqtt.SubscribeAsync([new MqttSubscription { TopicFilter = "unsubscribe/test", MaximumQualityOfService = MqttQualityOfService.ExactlyOnce }], cancellationToken);
        var result = await client.Mqtt.UnsubscribeAsync(["unsubscribe/test", "no-sub"], cancellationToken);
        context.Log($"UNSUBACK: {string.Join(", ", result.ReasonCodes.Select(c => $"0x{(byte)c:X2}"))}");
        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
