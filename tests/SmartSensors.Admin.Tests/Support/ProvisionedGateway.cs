using System.Text.Json;
using SmartSensors.Contracts;
using SmartSensors.Mqtt;

namespace SmartSensors.Admin.Tests.Support;

/// <summary>The files <c>gateway add</c> wrote for one gateway, read back the way the gateway reads them.</summary>
internal sealed record ProvisionedGateway(string Site, string Gateway, string Directory)
{
    public string ConfigFile => Path.Combine(Directory, "gateway.json");

    public string PasswordFile => Path.Combine(Directory, "broker-password");

    public string Password => File.ReadAllLines(PasswordFile)[0];

    public string ReadingsTopic => Topics.Readings(Site, Gateway);

    /// <summary>MQTT options built from gateway.json alone: host, port, TLS CA, user name and password file.</summary>
    public MqttClientOptions ClientOptions(string clientId)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ConfigFile));
        var broker = document.RootElement.GetProperty("SmartSensors").GetProperty("Broker");
        var tls = broker.GetProperty("Tls");
        return new MqttClientOptions
        {
            ClientId = clientId,
            Host = broker.GetProperty("Host").GetString()!,
            Port = broker.GetProperty("Port").GetInt32(),
            Username = broker.GetProperty("Username").GetString(),
            Password = File.ReadAllLines(broker.GetProperty(nameof(PasswordFile)).GetString()!)[0],
            Tls = new MqttTlsOptions { Enabled = tls.GetProperty("Enabled").GetBoolean(), CaFile = tls.GetProperty("CaFile").GetString() },
            Reconnect = new MqttReconnectOptions { Enabled = false },
            AutoAcknowledge = true,
            ConnectTimeout = TimeSpan.FromSeconds(20),
        };
    }
}
