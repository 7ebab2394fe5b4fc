using System.Threading.Channels;

namespace SmartSensors.Cloud.Api.Stream;

/// <summary>One connected stream client: its bounded buffer and site filter. When the buffer is full the client is
/// cut off (<see cref="Overflowed"/>) rather than given a stream with silent gaps or unbounded memory.</summary>
internal sealed class StreamClient
{
    private readonly Channel<LiveEvent> _events;
    private int _overflowed;

    public StreamClient(long id, string? site, int capacity)
    {
        Id = id;
        Site = site;
        _events = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(capacity)
        {
            // Wait: TryWrite fails when full instead of dropping anything silently; the hub then cuts the client off.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public long Id { get; }

    /// <summary>Only events of this site, or all when null.</summary>
    public string? Site { get; }

    public ChannelReader<LiveEvent> Events => _events.Reader;

    /// <summary>Whether the client fell a whole buffer behind and was cut off.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) != 0;

    /// <summary>Queues <paramref name="liveEvent"/>; false (and the client is cut off) when its buffer is full.</summary>
    public bool Offer(LiveEvent liveEvent)
    {
        if (Site is not null && !string.Equals(Site, liveEvent.Site, StringComparison.Ordinal))
        {
            return true;
        }

        if (_events.Writer.TryWrite(liveEvent))
        {
            return true;
        }

        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            _events.Writer.TryComplete();
            return false;
        }

        return true;
    }

    /// <summary>Ends the client's stream (host stopping).</summary>
    public void Close() => _events.Writer.TryComplete();
}
