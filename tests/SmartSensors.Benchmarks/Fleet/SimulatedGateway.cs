using SmartSensors.Contracts;
using SmartSensors.Mqtt;

namespace SmartSensors.Benchmarks.Fleet;

/// <summary>
/// One simulated gateway: its own MQTT connection (our client, MQTT 5, persistent session, QoS 1) publishing SenML
/// packs to <c>ss/v1/{site}/{gateway}/readings</c> like the edge uplink: live, one pack per sampling cycle with the
/// capture time of the cycle; after an outage, the outbox backlog in capture order, packed
/// <c>Broker:ReadingsPerPack</c> readings at a time with <c>Broker:MaxPacksInFlight</c> awaiting PUBACK at once.
/// </summary>
internal sealed class SimulatedGateway : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Random _random;
    private readonly List<Reading> _readings = [];
    private long _sequence;

    public SimulatedGateway(string site, string id, GatewayProfile profile, MqttClientOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Site = site;
        Id = id;
        Profile = profile;
        Topic = Topics.Readings(site, id);
        _client = MqttClientFactory.Create(options);
        _random = new Random(seed);
    }

    public string Site { get; }

    public string Id { get; }

    public string Topic { get; }

    public GatewayProfile Profile { get; }

    public Task ConnectAsync(CancellationToken cancellationToken) => _client.ConnectAsync(cancellationToken);

    /// <summary>Publishes one pack per <paramref name="period"/>, starting after <paramref name="phase"/>, each captured
    /// when it is due, until cancelled. A publish that is due while the previous one still awaits its PUBACK goes out
    /// as soon as that one is acknowledged (and counts as late when more than a period behind). <paramref name="stop"/>
    /// ends the loop between publishes only: a publish that was sent is always awaited to its PUBACK (or until
    /// <paramref name="cancellationToken"/> aborts the run), so what is counted is exactly what the broker took.</summary>
    public async Task RunLiveAsync(TimeSpan period, TimeSpan phase, FleetCounters counters, CancellationToken stop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var clock = TimeProvider.System;
        var next = clock.GetUtcNow() + phase;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var wait = next - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    // Pacing, not synchronisation: this is the gateway's sampling clock.
                    await Task.Delay(wait, stop).ConfigureAwait(false);
                }
                else if (-wait > period)
                {
                    counters.LatePublish();
                }

                var capture = clock.GetUtcNow();
                _readings.Clear();
                Profile.Sample(capture, _random, _readings);
                var payload = GatewayPackEncoder.Encode(new GatewayPack(Id, Site, _sequence++, _readings));
                var result = await _client.PublishAsync(new MqttApplicationMessage { Topic = Topic, Payload = payload }, cancellationToken).ConfigureAwait(false);
                if (result.IsSuccess)
                {
                    counters.Live(_readings.Count);
                }
                else
                {
                    counters.Failure();
                }

                next += period;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // stopped while waiting for the next cycle
        }
    }

    /// <summary>The outbox backlog of an outage: one sampling cycle per <paramref name="interval"/> from
    /// <paramref name="from"/>, <paramref name="cycles"/> cycles, in capture order, cut into packs of
    /// <paramref name="readingsPerPack"/> readings as the edge uplink does.</summary>
    public List<(byte[] Payload, int Readings)> BuildBacklog(DateTimeOffset from, int cycles, TimeSpan interval, int readingsPerPack)
    {
        var all = new List<Reading>(cycles * Profile.ReadingsPerCycle);
        for (var c = 0; c < cycles; c++)
        {
            Profile.Sample(from + interval * c, _random, all);
        }

        var packs = new List<(byte[], int)>();
        for (var i = 0; i < all.Count; i += readingsPerPack)
        {
            var chunk = all.GetRange(i, Math.Min(readingsPerPack, all.Count - i));
            packs.Add((GatewayPackEncoder.Encode(new GatewayPack(Id, Site, _sequence++, chunk)), chunk.Count));
        }

        return packs;
    }

    /// <summary>Publishes the backlog in order with up to <paramref name="inFlight"/> packs awaiting PUBACK.</summary>
    public async Task ReplayAsync(IReadOnlyList<(byte[] Payload, int Readings)> backlog, int inFlight, FleetCounters counters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backlog);
        ArgumentNullException.ThrowIfNull(counters);
        var next = -1;
        async Task DrainAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < backlog.Count)
            {
                var (payload, readings) = backlog[index];
                var result = await _client.PublishAsync(new MqttApplicationMessage { Topic = Topic, Payload = payload }, cancellationToken).ConfigureAwait(false);
                if (result.IsSuccess)
                {
                    counters.Replayed(readings);
                }
                else
                {
                    counters.Failure();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => DrainAsync())).ConfigureAwait(false);
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.State == MqttConnectionState.Connected)
        {
            await _client.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
