namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 03-publish-b2c-qos2 (3.1.1) and 03-publish-b2c-qos2-len (v5, run four times with PUBREL of length 2, 3, 4 and &gt; 5):
/// the broker sends PUBLISH QoS 2 "&lt;topic&gt;" = "message"; the client answers PUBREC, the broker PUBREL, the client PUBCOMP.
/// libmosquitto calls on_message when the PUBREL arrives (after sending PUBCOMP); the 3.1.1 twin then exits 0, the v5 twin
/// disconnects, and the scripts expect nothing before the PUBCOMP. Our client delivers the message on PUBLISH and sends
/// PUBREC on <see cref="MqttReceivedMessage.AckAsync(CancellationToken)"/>; <see cref="MqttReceivedMessage.AcknowledgementCompleted"/>
/// says when PUBREL has arrived and PUBCOMP has been handed to the connection.
/// </summary>
internal sealed class ReceiveQos2Scenario(string name, MqttProtocolVersion version, string topic, bool disconnectAfterwards) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("publish-qos2-test", version));
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

        if (MessageCheck.Problem(message, topic, "message", MqttQualityOfService.ExactlyOnce) is { } problem)
        {
            context.Log(problem);
            return ExitCodes.Failure;
        }

        await message.AckAsync(cancellationToken);
        if (!await message.AcknowledgementCompleted.WaitAsync(cancellationToken))
        {
            context.Log("the connection was lost before the QoS 2 exchange completed");
            return ExitCodes.Failure;
        }

        if (!disconnectAfterwards)
        {
            return ExitCodes.Success;
        }

        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
