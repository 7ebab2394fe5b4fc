namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 03-publish-b2c-qos2-unexpected-pubrel (3.1.1): right after CONNACK the broker sends a PUBREL for packet id 1000 that the
/// client never received (the client must answer PUBCOMP 1000 and carry on), then a normal QoS 2 exchange for
/// "pub/qos2/receive" = "message", then a QoS 0 PUBLISH on "quit": run = 0. A wrong message or a broken loop → exit(1).
/// </summary>
internal sealed class ReceiveQos2UnexpectedPubrelScenario : IConformanceScenario
{
    public string Name => "03-publish-b2c-qos2-unexpected-pubrel";

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("publish-qos2-test", MqttProtocolVersion.V311));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        while (await client.ReceiveAsync(cancellationToken) is { } message)
        {
            if (message.Topic == "quit")
            {
                return ExitCodes.Success;
            }

            if (MessageCheck.Problem(message, "pub/qos2/receive", "message", MqttQualityOfService.ExactlyOnce) is { } problem)
            {
                context.Log(problem);
                return ExitCodes.Failure;
            }

            await message.AckAsync(cancellationToken);
        }

        context.Log("the message channel completed before \"quit\" arrived");
        return ExitCodes.Failure;
    }
}
