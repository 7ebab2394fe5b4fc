using System.Text;
using Microsoft.Data.Sqlite;
using SmartSensors.Contracts;

namespace SmartSensors.Edge.Outbox;

/// <summary>
/// The gateway's durable outbox: a SQLite database in WAL mode. A reading is committed here before anything
/// publishes it, and deleted only when the broker acknowledged the pack that carried it.
/// <list type="bullet">
/// <item><b>Durability.</b> Appends, evictions and sequence reservations commit with <c>synchronous=FULL</c>: in WAL mode
/// that fsyncs the WAL on every commit, so once <see cref="Append"/> returns the readings survive SIGKILL and a power cut.
/// Deletions after PUBACK commit with <c>synchronous=NORMAL</c> (no fsync of their own): losing one to a power cut only
/// re-sends readings the broker already has (at-least-once; the cloud stores by series + timestamp), and the next FULL
/// commit's fsync covers them anyway, because the WAL is written in order.</item>
/// <item><b>Order.</b> Row ids come from <c>AUTOINCREMENT</c>, so they follow append order and are never reused, even
/// after the table empties; readers page by id.</item>
/// <item><b>Bounds.</b> When a batch would take the outbox over <c>MaxBytes</c>, or readings are older than
/// <c>MaxAge</c>, the oldest are deleted in the same transaction and counted; the count is persisted.</item>
/// <item><b>Sequence numbers.</b> Reserved in blocks persisted before use, so after a crash numbering resumes above
/// anything that might have been sent: monotonic, never reused (a restart leaves a visible gap).</item>
/// </list>
/// Thread-safe: one connection, every operation under a lock (each is short).
/// </summary>
internal sealed class SqliteOutbox : IDisposable
{
    /// <summary>Sequence numbers reserved per persisted block.</summary>
    internal const long SequenceBlock = 1024;

    private const int FixedRowOverhead = 32;
    private const string EvictedKey = "evicted_total";
    private const string SequenceKey = "sequence_reserved";

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly long _maxBytes;
    private readonly TimeSpan _maxAge;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _readAfter;
    private long _depth;
    private long _bytes;
    private long _evictedTotal;
    private long _nextSequence;
    private long _sequenceReserved;
    private bool _durableCommits;
    private bool _disposed;

    private SqliteOutbox(SqliteConnection connection, TimeProvider time, long maxBytes, TimeSpan maxAge)
    {
        _connection = connection;
        _time = time;
        _maxBytes = maxBytes;
        _maxAge = maxAge;
        _insert = Command("INSERT INTO readings (sensor, kind, quantity, value, unit, captured, bytes) VALUES ($sensor, $kind, $quantity, $value, $unit, $captured, $bytes)");
        foreach (var name in new[] { "$sensor", "$kind", "$quantity", "$value", "$unit", "$captured", "$bytes" })
        {
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _delete = Command("DELETE FROM readings WHERE id = $id");
        _delete.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        // Readings carried by a stored QoS 2 pack are not offered again: that pack is resumed as it is.
        _readAfter = Command("""
            SELECT id, sensor, kind, quantity, value, unit, captured, bytes FROM readings
            WHERE id > $after AND NOT EXISTS (SELECT 1 FROM packs WHERE readings.id BETWEEN packs.first_id AND packs.last_id)
            ORDER BY id LIMIT $limit
            """);
        _readAfter.Parameters.Add(new SqliteParameter { ParameterName = "$after" });
        _readAfter.Parameters.Add(new SqliteParameter { ParameterName = "$limit" });
    }

    /// <summary>Raised after readings were committed (outside the lock; keep handlers short and non-blocking).</summary>
    public event Action? Appended;

    /// <summary>Most bytes kept before the oldest readings are evicted.</summary>
    public long MaxBytes => _maxBytes;

    /// <summary>Opens (creating if needed) the outbox at <paramref name="path"/>.</summary>
    public static SqliteOutbox Open(string path, long maxBytes, TimeSpan maxAge, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=FULL;");
            Execute(connection, "PRAGMA busy_timeout=10000;");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS readings (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sensor TEXT NOT NULL,
                    kind INTEGER NOT NULL,
                    quantity TEXT NOT NULL,
                    value REAL NOT NULL,
                    unit TEXT NOT NULL,
                    captured INTEGER NOT NULL,
                    bytes INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS packs (
                    sequence INTEGER PRIMARY KEY,
                    packet_id INTEGER NOT NULL,
                    first_id INTEGER NOT NULL,
                    last_id INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    state INTEGER NOT NULL DEFAULT 0);
                PRAGMA user_version = 2;
                """);
            var outbox = new SqliteOutbox(connection, time, maxBytes, maxAge);
            outbox.LoadState();
            return outbox;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Bytes one reading counts against the bound (its stored size, approximately).</summary>
    public static int SizeOf(in Reading reading) =>
        FixedRowOverhead
        + Encoding.UTF8.GetByteCount(reading.SensorId)
        + Encoding.UTF8.GetByteCount(reading.Quantity)
        + Encoding.UTF8.GetByteCount(reading.Unit);

    /// <summary>
    /// Commits <paramref name="readings"/> in one transaction (fsynced before returning), after evicting what the
    /// bounds require. Readings must be finite (validated before they get here).
    /// </summary>
    public AppendResult Append(IReadOnlyList<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Count == 0)
        {
            return default;
        }

        var sizes = new int[readings.Count];
        long incoming = 0;
        for (var i = 0; i < readings.Count; i++)
        {
            if (!double.IsFinite(readings[i].Value))
            {
                throw new ArgumentException($"Reading {i} ({readings[i].SensorId}/{readings[i].Quantity}) is not a finite number.", nameof(readings));
            }

            sizes[i] = SizeOf(readings[i]);
            incoming += sizes[i];
        }

        AppendResult result;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SetDurable(true);
            using var transaction = _connection.BeginTransaction();
            var first = 0;
            long droppedIncoming = 0;

            // A batch larger than the whole bound keeps only its newest readings.
            while (incoming > _maxBytes && first < readings.Count)
            {
                incoming -= sizes[first];
                first++;
                droppedIncoming++;
            }

            var (evictedRows, evictedBytes) = EvictOldest(transaction, _bytes + incoming - _maxBytes);
            var (expiredRows, expiredBytes) = EvictExpired(transaction);

            _insert.Transaction = transaction;
            for (var i = first; i < readings.Count; i++)
            {
                var reading = readings[i];
                _insert.Parameters[0].Value = reading.SensorId;
                _insert.Parameters[1].Value = (int)reading.Kind;
                _insert.Parameters[2].Value = reading.Quantity;
                _insert.Parameters[3].Value = reading.Value;
                _insert.Parameters[4].Value = reading.Unit;
                _insert.Parameters[5].Value = reading.CaptureTime.UtcTicks;
                _insert.Parameters[6].Value = sizes[i];
                _insert.ExecuteNonQuery();
            }

            var evictedNow = evictedRows + expiredRows + droppedIncoming;
            if (evictedNow > 0)
            {
                SetMeta(transaction, EvictedKey, _evictedTotal + evictedNow);
            }

            transaction.Commit();
            _evictedTotal += evictedNow;
            _depth += readings.Count - first - evictedRows - expiredRows;
            _bytes += incoming - evictedBytes - expiredBytes;
            result = new AppendResult(readings.Count - first, evictedRows + droppedIncoming, expiredRows);
        }

        Appended?.Invoke();
        return result;
    }

    /// <summary>Up to <paramref name="limit"/> waiting readings with ids above <paramref name="afterId"/>, in capture (id) order.</summary>
    public IReadOnlyList<OutboxEntry> ReadAfter(long afterId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var entries = new List<OutboxEntry>(Math.Min(limit, 1024));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _readAfter.Transaction = null;
            _readAfter.Parameters[0].Value = afterId;
            _readAfter.Parameters[1].Value = limit;
            using var reader = _readAfter.ExecuteReader();
            while (reader.Read())
            {
                var reading = new Reading(
                    reader.GetString(1),
                    (SensorKind)reader.GetInt32(2),
                    reader.GetString(3),
                    reader.GetDouble(4),
                    reader.GetString(5),
                    new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero));
                entries.Add(new OutboxEntry(reader.GetInt64(0), reading, reader.GetInt32(7)));
            }
        }

        return entries;
    }

    /// <summary>Deletes acknowledged readings (ids already evicted are skipped). Returns how many rows were deleted.</summary>
    public int Acknowledge(IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SetDurable(false);
            using var transaction = _connection.BeginTransaction();
            _delete.Transaction = transaction;
            var deleted = 0;
            long bytes = 0;
            foreach (var entry in entries)
            {
                _delete.Parameters[0].Value = entry.Id;
                if (_delete.ExecuteNonQuery() == 1)
                {
                    deleted++;
                    bytes += entry.Bytes;
                }
            }

            transaction.Commit();
            _depth -= deleted;
            _bytes -= bytes;
            return deleted;
        }
    }

    /// <summary>
    /// Records a QoS 2 pack before its PUBLISH is sent (fsynced: after a power cut it must be sent again with the same packet
    /// identifier, never re-packed under a new one).
    /// </summary>
    public void SavePack(StoredPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SetDurable(true);
            using var command = Command("INSERT INTO packs (sequence, packet_id, first_id, last_id, payload, state) VALUES ($sequence, $packet, $first, $last, $payload, $state)");
            command.Parameters.AddWithValue("$sequence", pack.Sequence);
            command.Parameters.AddWithValue("$packet", (int)pack.PacketId);
            command.Parameters.AddWithValue("$first", pack.FirstId);
            command.Parameters.AddWithValue("$last", pack.LastId);
            command.Parameters.AddWithValue("$payload", pack.Payload);
            command.Parameters.AddWithValue("$state", (int)pack.State);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Records PUBRECs (fsynced before any PUBREL goes out: from then on the PUBLISH must not be sent again).</summary>
    public void MarkReceived(IReadOnlyList<(long Sequence, StoredPackState State)> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        if (packs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SetDurable(true);
            using var transaction = _connection.BeginTransaction();
            using var command = Command("UPDATE packs SET state = $state WHERE sequence = $sequence");
            command.Transaction = transaction;
            var state = command.Parameters.Add(new SqliteParameter { ParameterName = "$state" });
            var sequence = command.Parameters.Add(new SqliteParameter { ParameterName = "$sequence" });
            foreach (var (seq, st) in packs)
            {
                state.Value = (int)st;
                sequence.Value = seq;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>
    /// Ends stored packs: deletes their records and, for packs the broker delivered, their readings. Returns how many
    /// readings were deleted.
    /// </summary>
    public int CompletePacks(IReadOnlyList<(StoredPack Pack, bool Delivered)> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        if (packs.Count == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SetDurable(false);
            using var transaction = _connection.BeginTransaction();
            using var measure = Command("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM readings WHERE id BETWEEN $first AND $last");
            using var deleteReadings = Command("DELETE FROM readings WHERE id BETWEEN $first AND $last");
            using var deletePack = Command("DELETE FROM packs WHERE sequence = $sequence");
            measure.Transaction = deleteReadings.Transaction = deletePack.Transaction = transaction;
            var deleted = 0;
            long bytes = 0;
            foreach (var (pack, delivered) in packs)
            {
                if (delivered)
                {
                    measure.Parameters.Clear();
                    measure.Parameters.AddWithValue("$first", pack.FirstId);
                    measure.Parameters.AddWithValue("$last", pack.LastId);
                    using (var reader = measure.ExecuteReader())
                    {
                        reader.Read();
                        deleted += reader.GetInt32(0);
                        bytes += reader.GetInt64(1);
                    }

                    deleteReadings.Parameters.Clear();
                    deleteReadings.Parameters.AddWithValue("$first", pack.FirstId);
                    deleteReadings.Parameters.AddWithValue("$last", pack.LastId);
                    deleteReadings.ExecuteNonQuery();
                }

                deletePack.Parameters.Clear();
                deletePack.Parameters.AddWithValue("$sequence", pack.Sequence);
                deletePack.ExecuteNonQuery();
            }

            transaction.Commit();
            _depth -= deleted;
            _bytes -= bytes;
            return deleted;
        }
    }

    /// <summary>QoS 2 packs recorded and not yet ended, oldest first (to resume after a restart).</summary>
    public IReadOnlyList<StoredPack> StoredPacks()
    {
        var packs = new List<StoredPack>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = Command("SELECT sequence, packet_id, first_id, last_id, payload, state FROM packs ORDER BY sequence");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                packs.Add(new StoredPack(
                    reader.GetInt64(0),
                    (ushort)reader.GetInt32(1),
                    reader.GetInt64(2),
                    reader.GetInt64(3),
                    (byte[])reader.GetValue(4),
                    (StoredPackState)reader.GetInt32(5)));
            }
        }

        return packs;
    }

    /// <summary>The next pack sequence number: strictly greater than any returned before, also across restarts.</summary>
    public long NextSequence()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_nextSequence >= _sequenceReserved)
            {
                SetDurable(true);
                using var transaction = _connection.BeginTransaction();
                var reserved = _sequenceReserved + SequenceBlock;
                SetMeta(transaction, SequenceKey, reserved);
                transaction.Commit();
                _sequenceReserved = reserved;
            }

            return _nextSequence++;
        }
    }

    /// <summary>Evicts readings older than <c>MaxAge</c> (also done on every append); returns how many.</summary>
    public long EvictExpired()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SetDurable(true);
            using var transaction = _connection.BeginTransaction();
            var (rows, bytes) = EvictExpired(transaction);
            if (rows > 0)
            {
                SetMeta(transaction, EvictedKey, _evictedTotal + rows);
            }

            transaction.Commit();
            _evictedTotal += rows;
            _depth -= rows;
            _bytes -= bytes;
            return rows;
        }
    }

    /// <summary>Depth, bytes, oldest capture time and total evictions.</summary>
    public OutboxStatistics GetStatistics()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = Command("SELECT captured FROM readings ORDER BY id LIMIT 1");
            var oldest = command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
            return new OutboxStatistics(_depth, _bytes, oldest, _evictedTotal);
        }
    }


    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _insert.Dispose();
            _delete.Dispose();
            _readAfter.Dispose();
            _connection.Dispose();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private void LoadState()
    {
        using (var command = Command("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM readings"))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            _depth = reader.GetInt64(0);
            _bytes = reader.GetInt64(1);
        }

        _evictedTotal = GetMeta(EvictedKey);
        _sequenceReserved = GetMeta(SequenceKey);

        // Numbers up to the reserved mark may have been used before a crash: start above it.
        _nextSequence = _sequenceReserved;
        _durableCommits = true;
    }

    private long GetMeta(string key)
    {
        using var command = Command("SELECT value FROM meta WHERE key = $key");
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private void SetMeta(SqliteTransaction transaction, string key, long value)
    {
        using var command = Command("INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private void SetDurable(bool durable)
    {
        if (_durableCommits == durable)
        {
            return;
        }

        Execute(_connection, durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        _durableCommits = durable;
    }

    /// <summary>Deletes the oldest rows until at least <paramref name="bytesToFree"/> bytes are freed.</summary>
    private (long Rows, long Bytes) EvictOldest(SqliteTransaction transaction, long bytesToFree)
    {
        if (bytesToFree <= 0)
        {
            return (0, 0);
        }

        long rows = 0;
        long freed = 0;
        long lastId = -1;
        using (var scan = Command("SELECT id, bytes FROM readings ORDER BY id"))
        {
            scan.Transaction = transaction;
            using var reader = scan.ExecuteReader();
            while (freed < bytesToFree && reader.Read())
            {
                lastId = reader.GetInt64(0);
                freed += reader.GetInt64(1);
                rows++;
            }
        }

        if (rows > 0)
        {
            using var delete = Command("DELETE FROM readings WHERE id <= $last");
            delete.Transaction = transaction;
            delete.Parameters.AddWithValue("$last", lastId);
            delete.ExecuteNonQuery();
        }

        return (rows, freed);
    }

    /// <summary>Deletes readings captured before now - MaxAge (they are at the front: ids follow capture order).</summary>
    private (long Rows, long Bytes) EvictExpired(SqliteTransaction transaction)
    {
        var cutoff = _time.GetUtcNow() - _maxAge;
        long rows = 0;
        long bytes = 0;
        long lastId = -1;
        using (var scan = Command("SELECT id, bytes, captured FROM readings ORDER BY id"))
        {
            scan.Transaction = transaction;
            using var reader = scan.ExecuteReader();
            while (reader.Read() && reader.GetInt64(2) < cutoff.UtcTicks)
            {
                lastId = reader.GetInt64(0);
                bytes += reader.GetInt64(1);
                rows++;
            }
        }

        if (rows > 0)
        {
            using var delete = Command("DELETE FROM readings WHERE id <= $last");
            delete.Transaction = transaction;
            delete.Parameters.AddWithValue("$last", lastId);
            delete.ExecuteNonQuery();
        }

        return (rows, bytes);
    }
}
