using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Contracts;

namespace SmartSensors.Cloud.DeadLetters;

/// <summary>
/// SQLite store of refused packs: topic, payload (bounded), reasons, time. Bounded by count and age: every insert
/// evicts what is beyond <see cref="DeadLetterOptions.MaxCount"/> or older than <see cref="DeadLetterOptions.MaxAge"/>.
/// Thread-safe (one connection behind a lock; calls are short).
/// </summary>
internal sealed class DeadLetterStore : IDisposable
{
    private const int MaxTopicLength = 1024;
    private readonly DeadLetterOptions _options;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;
    private long _evicted;

    public DeadLetterStore(IOptions<DeadLetterOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
    }

    /// <summary>Dead letters evicted (count or age bound) since start.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Stores <paramref name="letters"/> in one transaction and evicts beyond the bounds. Returns the number evicted.</summary>
    public int Add(IReadOnlyList<DeadLetter> letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        lock (_gate)
        {
            var connection = Open();
            using var transaction = connection.BeginTransaction();
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO dead_letters (received_at, topic, site, gateway, payload, payload_length, codes, reasons)
                    VALUES ($received_at, $topic, $site, $gateway, $payload, $payload_length, $codes, $reasons)
                    """;
                var receivedAt = insert.Parameters.Add("$received_at", SqliteType.Integer);
                var topic = insert.Parameters.Add("$topic", SqliteType.Text);
                var site = insert.Parameters.Add("$site", SqliteType.Text);
                var gateway = insert.Parameters.Add("$gateway", SqliteType.Text);
                var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
                var payloadLength = insert.Parameters.Add("$payload_length", SqliteType.Integer);
                var codes = insert.Parameters.Add("$codes", SqliteType.Text);
                var reasons = insert.Parameters.Add("$reasons", SqliteType.Text);
                foreach (var letter in letters)
                {
                    var kept = letter.Payload.Length > _options.MaxPayloadBytes ? letter.Payload[.._options.MaxPayloadBytes] : letter.Payload;
                    receivedAt.Value = letter.ReceivedAt.ToUnixTimeMilliseconds();
                    topic.Value = letter.Topic.Length > MaxTopicLength ? letter.Topic[..MaxTopicLength] : letter.Topic;
                    site.Value = (object?)letter.Site ?? DBNull.Value;
                    gateway.Value = (object?)letter.Gateway ?? DBNull.Value;
                    payload.Value = kept.ToArray();
                    payloadLength.Value = Math.Max(letter.PayloadLength, letter.Payload.Length);
                    codes.Value = string.Join(',', letter.Reasons.Select(r => r.Code).Distinct(StringComparer.Ordinal));
                    reasons.Value = EncodeReasons(letter.Reasons);
                    insert.ExecuteNonQuery();
                }
            }

            var evicted = Evict(connection, transaction);
            transaction.Commit();
            Interlocked.Add(ref _evicted, evicted);
            return evicted;
        }
    }

    /// <summary>The newest dead letters first, optionally of one site and gateway, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<DeadLetter> Latest(int limit, string? site = null, string? gateway = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = """
                SELECT id, received_at, topic, site, gateway, payload, payload_length, reasons FROM dead_letters
                WHERE ($site IS NULL OR site = $site) AND ($gateway IS NULL OR gateway = $gateway)
                ORDER BY id DESC LIMIT $limit
                """;
            query.Parameters.AddWithValue("$site", (object?)site ?? DBNull.Value);
            query.Parameters.AddWithValue("$gateway", (object?)gateway ?? DBNull.Value);
            query.Parameters.AddWithValue("$limit", limit);
            using var reader = query.ExecuteReader();
            var letters = new List<DeadLetter>();
            while (reader.Read())
            {
                letters.Add(new DeadLetter(
                    reader.GetInt64(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    (byte[])reader.GetValue(5),
                    reader.GetInt32(6),
                    DecodeReasons(reader.GetString(7))));
            }

            return letters;
        }
    }

    /// <summary>Dead letters held.</summary>
    public long Count()
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = "SELECT COUNT(*) FROM dead_letters";
            return (long)query.ExecuteScalar()!;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private int Evict(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var evict = connection.CreateCommand();
        evict.Transaction = transaction;
        // Ids only grow (AUTOINCREMENT), so "beyond the count bound" is every id at or below max(id) - MaxCount.
        evict.CommandText = """
            DELETE FROM dead_letters
            WHERE id <= (SELECT MAX(id) FROM dead_letters) - $max_count OR received_at < $cutoff
            """;
        evict.Parameters.AddWithValue("$max_count", _options.MaxCount);
        evict.Parameters.AddWithValue("$cutoff", (_clock.GetUtcNow() - _options.MaxAge).ToUnixTimeMilliseconds());
        return evict.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        _connection = SqliteDatabase.Open(_options.Path, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at INTEGER NOT NULL,
                topic TEXT NOT NULL,
                site TEXT NULL,
                gateway TEXT NULL,
                payload BLOB NOT NULL,
                payload_length INTEGER NOT NULL,
                codes TEXT NOT NULL,
                reasons TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS dead_letters_received_at ON dead_letters (received_at);
            CREATE INDEX IF NOT EXISTS dead_letters_gateway ON dead_letters (site, gateway, id);
            """);
        return _connection;
    }

    private static string EncodeReasons(IReadOnlyList<ValidationError> reasons)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var reason in reasons)
            {
                writer.WriteStartObject();
                writer.WriteString("code", reason.Code);
                writer.WriteString("message", reason.Message);
                writer.WriteNumber("record", reason.Record);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<ValidationError> DecodeReasons(string json)
    {
        using var document = JsonDocument.Parse(json);
        var reasons = new List<ValidationError>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            reasons.Add(new ValidationError(
                item.GetProperty("code").GetString() ?? string.Empty,
                item.GetProperty("message").GetString() ?? string.Empty,
                item.GetProperty("record").GetInt32()));
        }

        return reasons;
    }
}
