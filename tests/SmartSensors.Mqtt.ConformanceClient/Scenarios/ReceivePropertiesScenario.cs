namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 11-prop-recv-qos0/1/2 (v5): the broker sends "prop/test" with Content Type "plain/text" and Response Topic "msg/123" at
/// QoS n; on_message checks both properties and the QoS, then publishes "ok" = "ok" at QoS 0 (exit(1) if anything differs);
/// on_publish sets run = 0. The script expects the PUBACK (QoS 1) or the whole PUBREC/PUBREL/PUBCOMP exchange (QoS 2)
/// before "ok": libmosquitto calls on_message for QoS 2 only when PUBREL arrives. <see cref="MqttReceivedMessage.AcknowledgementCompleted"/>
/// says when our side of the exchange is over.
/// </summary>
internal sealed class ReceivePropertiesScenario(string name, MqttQualityOfService qos) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("prop-test", MqttProtocolVersion.V500));
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

        if (message.ContentType != "plain/text" || message.ResponseTopic != "msg/123" || message.QualityOfService != qos)
        {
            context.Log($"unexpected message: content type {message.ContentType}, response topic {message.ResponseTopic}, qos {(int)message.QualityOfService}");
            return ExitCodes.Failure;
        }

        // libmosquitto calls on_message after sending PUBACK (QoS 1) or, for QoS 2, when PUBREL arrives after PUBCOMP.
        await message.AckAsync(cancellationToken);
        if (!await message.AcknowledgementCompleted.WaitAsync(cancellationToken))
        {
            context.Log("the connection was lost before the acknowledgement exchange completed");
            return ExitCodes.Failure;
        }

        await client.Mqtt.PublishAsync(new MqttApplicationMessage { Topic = "ok", Payload = MessageCheck.Utf8("ok"), QualityOfService = MqttQualityOfService.AtMostOnce }, cancellationToken);
        return ExitCodes.Success;
    }
}
