namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>02-unsubscribe (3.1.1) and 02-unsubscribe-v5: on_connect unsubscribes "unsubscribe/test"; on_unsubscribe disconnects.</summary>
internal sealed class UnsubscribeScenario(string name, MqttProtocolVersion version) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(context.CreateOptions("unsubscribe-test", version));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        await client.Mqtt.UnsubscribeAsync(["unsubscribe/test"], cancellationToken);
        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
