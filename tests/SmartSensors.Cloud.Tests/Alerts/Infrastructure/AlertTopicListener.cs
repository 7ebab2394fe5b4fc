using System.Text;
using System.Threading.Channels;
using SmartSensors.Mqtt;
using SmartSensors.Testing.Mosquitto;

namespace SmartSensors.Cloud.Tests.Alerts.Infrastructure;

/// <summary>Subscribes (with our MQTT client) to <c>ss/v1/alerts/#</c> on the test broker and records what arrives.</summary>
internal sealed class AlertTopicListener : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<(string Topic, string Payload)> _received = Channel.CreateUnbounded<(string, string)>();
    private readonly Task _pump;

    private AlertTopicListener(IMqttClient client)
    {
        _client = client;
        _pump = Task.Run(async () =>
        {
            await foreach (var message in client.Messages.ReadAllAsync())
            {
                _received.Writer.TryWrite((message.Topic, Encoding.UTF8.GetString(message.Payload.Span)));
            }
        });
    }

    public static async Task<AlertTopicListener> StartAsync(MosquittoFixture broker)
    {
        var client = MqttClientFactory.Create(new MqttClientOptions
        {
            Host = broker.Host,
            Port = broker.Port,
            ClientId = "alert-listener-" + Guid.NewGuid().ToString("N")[..8],
            AutoAcknowledge = true,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(timeout.Token);
        await client.SubscribeAsync([new MqttSubscription { TopicFilter = "ss/v1/alerts/#" }], timeout.Token);
        return new AlertTopicListener(client);
    }

    public async Task<(string Topic, string Payload)> NextAsync(string containing)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = await _received.Reader.ReadAsync(timeout.Token);
            if (next.Payload.Contains(containing, StringComparison.Ordinal))
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _pump.ContinueWith(_ => { });
    }
}
