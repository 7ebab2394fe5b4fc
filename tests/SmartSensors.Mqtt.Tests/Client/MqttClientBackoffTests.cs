using SmartSensors.Mqtt.Client;

namespace SmartSensors.Mqtt.Tests.Client;

/// <summary>Reconnect backoff: exponential from MinDelay to MaxDelay, with the configured share of jitter.</summary>
public sealed class MqttClientBackoffTests
{
    [Fact]
    public async Task BackoffDelay_Attempts_DoubleWithinJitterAndCapAtMaxDelay()
    {
        var options = new MqttClientOptions
        {
            Reconnect = new MqttReconnectOptions { MinDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2), JitterFraction = 0.5 },
        };
        await using var client = new MqttClient(options, null, Transport.MqttTransportFactory.Default);

        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var nominal = Math.Min(100 * Math.Pow(2, attempt - 1), 2000);
            for (var sample = 0; sample < 200; sample++)
            {
                var delay = client.BackoffDelay(attempt).TotalMilliseconds;
                Assert.InRange(delay, nominal * 0.5, nominal);
            }
        }
    }

    [Fact]
    public async Task BackoffDelay_Jitter_SpreadsClientsApart()
    {
        var options = new MqttClientOptions { Reconnect = new MqttReconnectOptions { MinDelay = TimeSpan.FromSeconds(1), JitterFraction = 0.5 } };
        await using var client = new MqttClient(options, null, Transport.MqttTransportFactory.Default);

        var delays = Enumerable.Range(0, 100).Select(_ => client.BackoffDelay(3)).Distinct().Count();

        Assert.True(delays > 50, $"only {delays} distinct delays: no jitter");
    }
}
