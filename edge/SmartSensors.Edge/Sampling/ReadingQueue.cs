using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SmartSensors.Contracts;
using SmartSensors.Edge.Configuration;

namespace SmartSensors.Edge.Sampling;

/// <summary>
/// The bounded hand-over between the samplers (and health) and the outbox writer. Full mode is
/// <see cref="BoundedChannelFullMode.Wait"/>: if the outbox cannot keep up, samplers wait (and skip ticks) rather than
/// readings being dropped unseen.
/// </summary>
internal sealed class ReadingQueue
{
    private readonly Channel<Reading> _channel;

    public ReadingQueue(IOptions<OutboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = Channel.CreateBounded<Reading>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public ChannelReader<Reading> Reader => _channel.Reader;

    public ValueTask WriteAsync(Reading reading, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(reading, cancellationToken);
}
