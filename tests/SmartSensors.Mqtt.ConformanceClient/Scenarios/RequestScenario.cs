namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 03-request-response-1 / 03-request-response-correlation-1 (v5, client id "request-test"): subscribe "response/topic" QoS 0;
/// on_subscribe publishes "request/topic" = "action" with Response Topic "response/topic" (and Correlation Data "corridor");
/// on_message: payload "a response" → run = 0, anything else → run = 1. The scripts check the request's bytes and never send
/// the response to this client, so here the loop normally ends when the fake broker closes the connection.
/// </summary>
internal sealed class RequestScenario(string name, bool withCorrelationData) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("request-test", MqttProtocolVersion.V500));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        await client.Mqtt.SubscribeAsync([new MqttSubscription { TopicFilter = "response/topic", MaximumQualityOfService = MqttQualityOfService.AtMostOnce }], cancellationToken);
        await client.Mqtt.PublishAsync(
            new MqttApplicationMessage
            {
                Topic = "request/topic",
                Payload = MessageCheck.Utf8("action"),
                QualityOfService = MqttQualityOfService.AtMostOnce,
                ResponseTopic = "response/topic",
                CorrelationData = withCorrelationData ? MessageCheck.Utf8("corridor") : ReadOnlyMemory<byte>.Empty,
            },
            cancellationToken);

        var response = client.ReceiveAsync(cancellationToken);
        if (await Task.WhenAny(response, client.ConnectionEnded) != response)
        {
            return ExitCodes.LoopEnded;
        }

        var message = await response;
        return message is not null && MessageCheck.Problem(message, "response/topic", "a response", MqttQualityOfService.AtMostOnce) is null
            ? ExitCodes.Success
            : ExitCodes.Failure;
    }
}
