using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>
/// 08-ssl-bad-cacert: mosquitto_tls_set(mosq, "this/file/doesnt/exist", ...) must return MOSQ_ERR_INVAL — the bad setting is
/// refused when it is configured, before any connection — and then the twin exits 0 (1 if the setting was accepted).
/// Our configuration step is <see cref="MqttClientFactory.Create"/>, which validates the options.
/// </summary>
internal sealed class BadCaFileScenario : IConformanceScenario
{
    public string Name => "08-ssl-bad-cacert";

    public Task<int> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var options = context.CreateOptions("08-ssl-bad-cacert", MqttProtocolVersion.V311);
        options.Tls = new MqttTlsOptions { Enabled = true, CaFile = "this/file/doesnt/exist", ServerName = TlsFiles.ServerName };
        try
        {
            context.CreateClient(options);
        }
        catch (ValidationException ex)
        {
            context.Log($"refused as expected: {ex.Message}");
            return Task.FromResult(ExitCodes.Success);
        }

        context.Log("the client accepted Tls:CaFile = a file that does not exist (libmosquitto refuses it in mosquitto_tls_set)");
        return Task.FromResult(ExitCodes.Failure);
    }
}
