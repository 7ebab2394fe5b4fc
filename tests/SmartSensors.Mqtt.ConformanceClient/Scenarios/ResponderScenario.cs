namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 03-request-response-2 (v5, client id "response-test"), the responder of both request/response scripts: subscribe
/// "request/topic" QoS 0; on a message there that carries a Response Topic, publish "a response" at QoS 0 to that topic,
/// echoing the Correlation Data if there was one (and nothing else: the request's user property must not be copied);
/// on_publish sets run = 0.
/// </summary>
internal sealed class ResponderScenario : IConformanceScenario
{
    public string Name => "03-request-response-2";

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("response-test", MqttProtocolVersion.V500));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        await client.Mqtt.SubscribeAsync([new MqttSubscription { TopicFilter = "request/topic", MaximumQualityOfService = MqttQualityOfService.AtMostOnce }], cancellationToken);
        while (await client.ReceiveAsync(cancellationToken) is { } request)
        {
            if (request.Topic != "request/topic" || request.ResponseTopic is null)
            {
                continue;
            }

            await client.Mqtt.PublishAsync(
                new MqttApplicationMessage
                {
                    Topic = request.ResponseTopic,
                    Payload = MessageCheck.Utf8("a response"),
                    QualityOfService = MqttQualityOfService.AtMostOnce,
                    CorrelationData = request.CorrelationData,
                },
                cancellationToken);
            return ExitCodes.Success;
        }

        return ExitCodes.LoopEnded;
    }
}
