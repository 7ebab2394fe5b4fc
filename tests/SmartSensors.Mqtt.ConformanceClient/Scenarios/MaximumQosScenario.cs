namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 03-publish-c2b-qos2-maximum-qos-0 / -1 (v5): the CONNACK carries Maximum QoS 0 or 1. on_connect publishes at QoS 2, 1 and 0
/// to "maximum/qos/qos2|qos1|qos0"; publishes above the maximum must be refused by the library (MOSQ_ERR_QOS_NOT_SUPPORTED;
/// ours returns reason code 0x9B or throws) without sending anything, the others must go out. When the last one completes the twin disconnects; run = 0, or 1 if a
/// publish was not refused/accepted as it should be.
/// </summary>
internal sealed class MaximumQosScenario(string name, MqttQualityOfService maximum) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("publish-qos2-test", MqttProtocolVersion.V500));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        var wrong = false;
        var accepted = new List<Task<MqttPublishResult>>();
        foreach (var qos in new[] { MqttQualityOfService.ExactlyOnce, MqttQualityOfService.AtLeastOnce, MqttQualityOfService.AtMostOnce })
        {
            var publish = client.Mqtt.PublishAsync(
                new MqttApplicationMessage { Topic = $"maximum/qos/qos{(int)qos}", Payload = MessageCheck.Utf8("message"), QualityOfService = qos },
                cancellationToken);
            if (qos > maximum)
            {
                // Refused either by an exception or by a result with a failure reason code (0x9B QoS not supported).
                try
                {
                    var result = await publish;
                    if (result.IsSuccess)
                    {
                        context.Log($"QoS {(int)qos} publish was accepted although the broker's Maximum QoS is {(int)maximum}");
                        wrong = true;
                    }
                    else
                    {
                        context.Log($"QoS {(int)qos} publish refused as expected: reason 0x{(byte)result.ReasonCode:X2} {result.ReasonString}");
                    }
                }
                catch (MqttException ex)
                {
                    context.Log($"QoS {(int)qos} publish refused as expected: {ScenarioClient.Describe(ex)}");
                }
            }
            else
            {
                accepted.Add(publish);
            }
        }

        try
        {
            await Task.WhenAll(accepted);
        }
        catch (MqttException ex)
        {
            context.Log($"a publish within the Maximum QoS failed: {ScenarioClient.Describe(ex)}");
            wrong = true;
        }

        if (wrong)
        {
            return ExitCodes.Failure;
        }

        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
