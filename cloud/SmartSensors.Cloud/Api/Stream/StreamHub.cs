using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace SmartSensors.Cloud.Api.Stream;

/// <summary>Fans live events out to the connected stream clients (at most <c>Api:Stream:MaxClients</c>, each with a
/// bounded buffer). Thread-safe.</summary>
internal sealed class StreamHub
{
    public const string MeterName = "SmartSensors.Api";
    private readonly ConcurrentDictionary<long, StreamClient> _clients = new();
    private readonly StreamOptions _options;
    private readonly Counter<long> _events;
    private readonly Counter<long> _dropped;
    private long _nextId;
    private int _count;

    public StreamHub(IOptions<ApiOptions> options, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _options = options.Value.Stream;
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>("smartsensors.api.stream_events", "{event}", "Live events published to stream clients, by type.");
        _dropped = meter.CreateCounter<long>("smartsensors.api.stream_clients_dropped", "{client}", "Stream clients cut off because they fell a whole buffer behind.");
        meter.CreateObservableUpDownCounter("smartsensors.api.stream_clients", () => Volatile.Read(ref _count), "{client}", "Stream clients connected.");
    }

    /// <summary>Clients connected.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds a client, or false when <c>Api:Stream:MaxClients</c> are already connected.</summary>
    public bool TryJoin(string? site, [NotNullWhen(true)] out StreamClient? client)
    {
        if (Interlocked.Increment(ref _count) > _options.MaxClients)
        {
            Interlocked.Decrement(ref _count);
            client = null;
            return false;
        }

        client = new StreamClient(Interlocked.Increment(ref _nextId), site, _options.ClientBuffer);
        _clients[client.Id] = client;
        return true;
    }

    public void Leave(StreamClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_clients.TryRemove(client.Id, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Offers <paramref name="liveEvent"/> to every client; clients whose buffer is full are cut off.</summary>
    public void Publish(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        _events.Add(1, new KeyValuePair<string, object?>("type", liveEvent.Event));
        foreach (var client in _clients.Values)
        {
            if (!client.Offer(liveEvent))
            {
                _dropped.Add(1);
            }
        }
    }

    /// <summary>Ends every client's stream.</summary>
    public void CloseAll()
    {
        foreach (var client in _clients.Values)
        {
            client.Close();
        }
    }
}
