namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>04-retain-qos0 (3.1.1): on_connect publishes "retain/qos0/test" = "retained message" at QoS 0 with the retain flag,
/// then the twin loops until killed (here: until the fake broker closes the connection).</summary>
internal sealed class RetainScenario : IConformanceScenario
{
    public string Name => "04-retain-qos0";

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("retain-qos0-test", MqttProtocolVersion.V311));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        await client.Mqtt.PublishAsync(
            new MqttApplicationMessage { Topic = "retain/qos0/test", Payload = MessageCheck.Utf8("retained message"), QualityOfService = MqttQualityOfService.AtMostOnce, Retain = true },
            cancellationToken);
        await client.WaitForConnectionEndAsync(cancellationToken);
        return ExitCodes.LoopEnded;
    }
}
