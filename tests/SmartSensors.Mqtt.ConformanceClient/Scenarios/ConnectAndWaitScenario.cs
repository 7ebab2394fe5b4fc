namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// Twins that set some CONNECT options, connect and then only run the network loop until killed: the script checks the
/// CONNECT bytes (client id, keep alive, clean session, username/password, will) and, for the keep-alive ones, that
/// PINGREQs follow. Here the loop ends when the fake broker closes the connection.
/// 01-keepalive-pingreq, 01-no-clean-session, 01-server-keepalive-pingreq, 01-unpwd-set, 01-will-set, 01-will-unpwd-set,
/// and 03-publish-b2c-qos1-unexpected-puback / 03-publish-b2c-qos2-unexpected-pubcomp (an unexpected acknowledgement must
/// be ignored; the twin exits 0 when its loop ends).
/// </summary>
internal sealed class ConnectAndWaitScenario(
    string name,
    Func<ScenarioContext, MqttClientOptions> options,
    bool exitOnConnectFailure,
    int exitCodeWhenConnectionEnds) : IConformanceScenario
{
    public string Name => name;

    public async Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var client = context.CreateClient(options(context));
        if (await client.TryConnectAsync(cancellationToken) is null)
        {
            // Twins with an on_connect callback exit(1) on a failed connect; the others keep looping until killed.
            return exitOnConnectFailure ? ExitCodes.Failure : ExitCodes.LoopEnded;
        }

        await client.WaitForConnectionEndAsync(cancellationToken);
        return exitCodeWhenConnectionEnds;
    }
}
