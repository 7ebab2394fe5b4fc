namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>on_connect: rc != 0 → exit(1), else mosquitto_disconnect(); on_disconnect sets run = rc (0).
/// 01-con-discon-success, 08-ssl-connect-cert-auth, 08-ssl-connect-no-auth.</summary>
internal sealed class ConnectDisconnectScenario(string name, Func<ScenarioContext, MqttClientOptions> options) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(options(context));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            return ExitCodes.Failure;
        }

        return await client.TryDisconnectAsync(cancellationToken) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
