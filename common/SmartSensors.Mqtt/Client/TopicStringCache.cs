using System.Text;

namespace SmartSensors.Mqtt.Client;

/// <summary>
/// The topic strings of one connection's received messages, so that a subscriber receiving the same few topics over and
/// over (a gateway's readings topic) does not allocate a new string per message. Bounded: emptied when full. Used only
/// by the connection's read loop (not thread-safe).
/// </summary>
internal sealed class TopicStringCache
{
    /// <summary>Distinct topics remembered before the cache is emptied.</summary>
    public const int Capacity = 4096;

    /// <summary>Longer topics are not cached (decoded on the stack below this).</summary>
    public const int MaxTopicBytes = 256;

    private readonly Dictionary<string, string> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TopicStringCache()
    {
        _lookup = _topics.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _topics.Count;

    /// <summary>The topic as a string: the same instance as last time for a topic seen before.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxTopicBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxTopicBytes];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var text = chars[..length];
        if (_lookup.TryGetValue(text, out var topic))
        {
            return topic;
        }

        if (_topics.Count >= Capacity)
        {
            _topics.Clear();
        }

        topic = new string(text);
        _topics.Add(topic, topic);
        return topic;
    }
}
