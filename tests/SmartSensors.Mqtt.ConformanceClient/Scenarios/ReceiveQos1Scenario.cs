namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>03-publish-b2c-qos1 (3.1.1): the broker sends PUBLISH QoS 1 "pub/qos1/receive" = "message" (packet id 123);
/// on_message checks it (exit(1) if wrong), the PUBACK goes out, exit(0).
/// (The twin also checks mid == 123; <see cref="MqttReceivedMessage"/> does not expose the packet id, the script checks it in the PUBACK.)</summary>
internal sealed class ReceiveQos1Scenario : IConformanceScenario
{
    public string Name => "03-publish-b2c-qos1";

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("publish-qos1-test", MqttProtocolVersion.V311));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        var message = await client.ReceiveAsync(cancellationToken);
        if (message is null)
        {
            context.Log("no message arrived");
            return ExitCodes.Failure;
        }

        if (MessageCheck.Problem(message, "pub/qos1/receive", "message", MqttQualityOfService.AtLeastOnce) is { } problem)
        {
            context.Log(problem);
            return ExitCodes.Failure;
        }

        await message.AckAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
