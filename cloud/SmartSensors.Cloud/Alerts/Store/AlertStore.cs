using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SmartSensors.Cloud.Alerts.Lifecycle;
using SmartSensors.Cloud.Hosting;

namespace SmartSensors.Cloud.Alerts.Store;

/// <summary>
/// The durable alert store (SQLite): alerts with their history, the notification outbox, and the rule engine's
/// snapshot. A partial unique index allows one open alert per rule and subject, so dedupe holds even against a bug.
/// An alert change, its history entry and its notifications are committed in one transaction: after a crash either
/// all of them exist or none. Thread-safe (one connection behind a lock; calls are short).
/// </summary>
internal sealed class AlertStore : IDisposable
{
    private const string AlertColumns = """
        id, rule, category, site, gateway, sensor, severity, peak_severity, level, state, title, message, value, latitude, longitude,
        raised_at, updated_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, version, last_notified_at
        """;

    private const string OutboxColumns = """
        id, key, alert_id, channel, audience, target, payload, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error
        """;

    private readonly string _path;
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;

    public AlertStore(IOptions<AlertsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = options.Value.StorePath;
    }

    /// <summary>The open alert of a rule on a subject, if any.</summary>
    public Alert? FindOpen(string ruleId, string subject)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE rule = $rule AND subject = $subject AND state <> $resolved";
            query.Parameters.AddWithValue("$rule", ruleId);
            query.Parameters.AddWithValue("$subject", subject);
            query.Parameters.AddWithValue("$resolved", (int)AlertState.Resolved);
            return ReadAlerts(query).FirstOrDefault();
        }
    }

    /// <summary>One alert by id.</summary>
    public Alert? Get(string id)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE id = $id";
            query.Parameters.AddWithValue("$id", id);
            return ReadAlerts(query).FirstOrDefault();
        }
    }

    /// <summary>Every open alert, newest first.</summary>
    public IReadOnlyList<Alert> ListOpen()
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE state <> $resolved ORDER BY raised_at DESC";
            query.Parameters.AddWithValue("$resolved", (int)AlertState.Resolved);
            return ReadAlerts(query);
        }
    }

    /// <summary>Open alerts and those resolved at or after <paramref name="resolvedSince"/>, newest change first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<Alert> ListCurrent(DateTimeOffset resolvedSince, int limit)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"""
                SELECT {AlertColumns} FROM alerts WHERE state <> $resolved OR resolved_at >= $since
                ORDER BY updated_at DESC LIMIT $limit
                """;
            query.Parameters.AddWithValue("$resolved", (int)AlertState.Resolved);
            query.Parameters.AddWithValue("$since", resolvedSince.ToUnixTimeMilliseconds());
            query.Parameters.AddWithValue("$limit", limit);
            return ReadAlerts(query);
        }
    }

    /// <summary>Open alerts in state Raised whose last notification is at or before <paramref name="notifiedBefore"/>.</summary>
    public IReadOnlyList<Alert> ListUnacknowledgedNotifiedBefore(DateTimeOffset notifiedBefore)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE state = $raised AND last_notified_at <= $before";
            query.Parameters.AddWithValue("$raised", (int)AlertState.Raised);
            query.Parameters.AddWithValue("$before", notifiedBefore.ToUnixTimeMilliseconds());
            return ReadAlerts(query);
        }
    }

    /// <summary>An alert's history, oldest first.</summary>
    public IReadOnlyList<AlertEvent> History(string alertId)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = "SELECT alert_id, version, kind, at, severity, message, actor FROM alert_events WHERE alert_id = $id ORDER BY version";
            query.Parameters.AddWithValue("$id", alertId);
            using var reader = query.ExecuteReader();
            var events = new List<AlertEvent>();
            while (reader.Read())
            {
                events.Add(new AlertEvent(
                    reader.GetString(0),
                    reader.GetInt32(1),
                    (AlertEventKind)reader.GetInt32(2),
                    FromMs(reader.GetInt64(3)),
                    (AlertSeverity)reader.GetInt32(4),
                    reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }

            return events;
        }
    }

    /// <summary>
    /// Writes an alert (insert or update), appends its history entry and enqueues its notifications, in one
    /// transaction. Returns the number of notifications enqueued (keys already present are skipped).
    /// </summary>
    /// <exception cref="InvalidOperationException">Another open alert exists for the rule and subject (dedupe).</exception>
    public int Commit(Alert alert, AlertEvent change, IReadOnlyList<OutboxEntry> notifications)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(notifications);
        lock (_gate)
        {
            var connection = Open();
            using var transaction = connection.BeginTransaction();
            using (var upsert = connection.CreateCommand())
            {
                upsert.Transaction = transaction;
                upsert.CommandText = $"""
                    INSERT INTO alerts (subject, {AlertColumns})
                    VALUES ($subject, $id, $rule, $category, $site, $gateway, $sensor, $severity, $peak, $level, $state, $title, $message, $value,
                            $lat, $lon, $raised_at, $updated_at, $ack_at, $ack_by, $resolved_at, $resolved_by, $version, $notified_at)
                    ON CONFLICT (id) DO UPDATE SET
                        severity = excluded.severity, peak_severity = excluded.peak_severity, level = excluded.level, state = excluded.state,
                        title = excluded.title, message = excluded.message, value = excluded.value, updated_at = excluded.updated_at,
                        acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by,
                        resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by, version = excluded.version,
                        last_notified_at = excluded.last_notified_at
                    """;
                var p = upsert.Parameters;
                p.AddWithValue("$subject", alert.Subject);
                p.AddWithValue("$id", alert.Id);
                p.AddWithValue("$rule", alert.RuleId);
                p.AddWithValue("$category", (int)alert.Category);
                p.AddWithValue("$site", alert.Site);
                p.AddWithValue("$gateway", alert.Gateway);
                p.AddWithValue("$sensor", alert.Sensor);
                p.AddWithValue("$severity", (int)alert.Severity);
                p.AddWithValue("$peak", (int)alert.PeakSeverity);
                p.AddWithValue("$level", alert.Level);
                p.AddWithValue("$state", (int)alert.State);
                p.AddWithValue("$title", alert.Title);
                p.AddWithValue("$message", alert.Message);
                p.AddWithValue("$value", (object?)alert.Value ?? DBNull.Value);
                p.AddWithValue("$lat", (object?)alert.Latitude ?? DBNull.Value);
                p.AddWithValue("$lon", (object?)alert.Longitude ?? DBNull.Value);
                p.AddWithValue("$raised_at", alert.RaisedAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$updated_at", alert.UpdatedAt.ToUnixTimeMilliseconds());
                p.AddWithValue("$ack_at", (object?)alert.AcknowledgedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
                p.AddWithValue("$ack_by", (object?)alert.AcknowledgedBy ?? DBNull.Value);
                p.AddWithValue("$resolved_at", (object?)alert.ResolvedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
                p.AddWithValue("$resolved_by", (object?)alert.ResolvedBy ?? DBNull.Value);
                p.AddWithValue("$version", alert.Version);
                p.AddWithValue("$notified_at", alert.LastNotifiedAt.ToUnixTimeMilliseconds());
                try
                {
                    upsert.ExecuteNonQuery();
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                {
                    throw new InvalidOperationException($"An open {alert.RuleId} alert already exists for {alert.Subject}.", ex);
                }
            }

            using (var history = connection.CreateCommand())
            {
                history.Transaction = transaction;
                history.CommandText = """
                    INSERT INTO alert_events (alert_id, version, kind, at, severity, message, actor)
                    VALUES ($id, $version, $kind, $at, $severity, $message, $actor)
                    """;
                history.Parameters.AddWithValue("$id", change.AlertId);
                history.Parameters.AddWithValue("$version", change.Version);
                history.Parameters.AddWithValue("$kind", (int)change.Kind);
                history.Parameters.AddWithValue("$at", change.At.ToUnixTimeMilliseconds());
                history.Parameters.AddWithValue("$severity", (int)change.Severity);
                history.Parameters.AddWithValue("$message", change.Message);
                history.Parameters.AddWithValue("$actor", (object?)change.Actor ?? DBNull.Value);
                history.ExecuteNonQuery();
            }

            var enqueued = Insert(connection, transaction, notifications);
            transaction.Commit();
            return enqueued;
        }
    }

    /// <summary>Enqueues notifications that belong to no alert change (the watering round). Returns how many were new.</summary>
    public int Enqueue(IReadOnlyList<OutboxEntry> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        lock (_gate)
        {
            var connection = Open();
            using var transaction = connection.BeginTransaction();
            var enqueued = Insert(connection, transaction, notifications);
            transaction.Commit();
            return enqueued;
        }
    }

    /// <summary>
    /// A pending notification is only deliverable when no earlier notification of the same alert to the same
    /// destination is still pending: a receiver sees raised → updated → resolved in that order, even while the first
    /// is being retried. Notifications of different alerts or destinations do not wait for each other.
    /// </summary>
    private const string HeadOfDestination = """
        (alert_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM outbox earlier
            WHERE earlier.alert_id = outbox.alert_id AND earlier.channel = outbox.channel AND earlier.target = outbox.target
              AND earlier.id < outbox.id AND earlier.sent_at IS NULL AND earlier.failed_at IS NULL))
        """;

    /// <summary>Notifications due at <paramref name="now"/> (not sent, not failed), oldest first.</summary>
    public IReadOnlyList<OutboxItem> Due(DateTimeOffset now, int limit)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"""
                SELECT {OutboxColumns} FROM outbox
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $now AND {HeadOfDestination}
                ORDER BY next_attempt_at, id LIMIT $limit
                """;
            query.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            query.Parameters.AddWithValue("$limit", limit);
            return ReadOutbox(query);
        }
    }

    /// <summary>When the next pending notification is due, or null when none is pending.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"SELECT MIN(next_attempt_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND {HeadOfDestination}";
            return query.ExecuteScalar() is long ms ? FromMs(ms) : null;
        }
    }

    /// <summary>Notifications of an alert (or with a key prefix), for the API and tests.</summary>
    public IReadOnlyList<OutboxItem> Notifications(string? alertId, int limit)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"SELECT {OutboxColumns} FROM outbox WHERE ($alert IS NULL OR alert_id = $alert) ORDER BY id DESC LIMIT $limit";
            query.Parameters.AddWithValue("$alert", (object?)alertId ?? DBNull.Value);
            query.Parameters.AddWithValue("$limit", limit);
            return ReadOutbox(query);
        }
    }

    /// <summary>Notifications given up on, newest first.</summary>
    public IReadOnlyList<OutboxItem> FailedNotifications(int limit)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = $"SELECT {OutboxColumns} FROM outbox WHERE failed_at IS NOT NULL ORDER BY failed_at DESC LIMIT $limit";
            query.Parameters.AddWithValue("$limit", limit);
            return ReadOutbox(query);
        }
    }

    public void MarkSent(long id, int attempts, DateTimeOffset at) =>
        Execute("UPDATE outbox SET sent_at = $at, attempts = $attempts, last_error = NULL WHERE id = $id", id, at, attempts, null);

    public void MarkRetry(long id, int attempts, DateTimeOffset next, string error) =>
        Execute("UPDATE outbox SET next_attempt_at = $at, attempts = $attempts, last_error = $error WHERE id = $id", id, next, attempts, error);

    public void MarkFailed(long id, int attempts, DateTimeOffset at, string error) =>
        Execute("UPDATE outbox SET failed_at = $at, attempts = $attempts, last_error = $error WHERE id = $id", id, at, attempts, error);

    /// <summary>Pending, sent and failed notification counts.</summary>
    public OutboxCounts Counts()
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = """
                SELECT COALESCE(SUM(sent_at IS NULL AND failed_at IS NULL), 0), COALESCE(SUM(sent_at IS NOT NULL), 0), COALESCE(SUM(failed_at IS NOT NULL), 0)
                FROM outbox
                """;
            using var reader = query.ExecuteReader();
            reader.Read();
            return new OutboxCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    /// <summary>Reads a saved blob of state (the rule engine's snapshot).</summary>
    public string? LoadState(string key)
    {
        lock (_gate)
        {
            using var query = Open().CreateCommand();
            query.CommandText = "SELECT value FROM engine_state WHERE key = $key";
            query.Parameters.AddWithValue("$key", key);
            return query.ExecuteScalar() as string;
        }
    }

    /// <summary>Saves a blob of state.</summary>
    public void SaveState(string key, string value, DateTimeOffset at)
    {
        lock (_gate)
        {
            using var command = Open().CreateCommand();
            command.CommandText = """
                INSERT INTO engine_state (key, value, saved_at) VALUES ($key, $value, $at)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
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

    private void Execute(string sql, long id, DateTimeOffset at, int attempts, string? error)
    {
        lock (_gate)
        {
            using var command = Open().CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$attempts", attempts);
            command.Parameters.AddWithValue("$error", error is null ? DBNull.Value : (error.Length > 2000 ? error[..2000] : error));
            command.ExecuteNonQuery();
        }
    }

    private static int Insert(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OutboxEntry> notifications)
    {
        if (notifications.Count == 0)
        {
            return 0;
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO outbox (key, alert_id, channel, audience, target, payload, created_at, attempts, next_attempt_at)
            VALUES ($key, $alert, $channel, $audience, $target, $payload, $created, 0, $created)
            ON CONFLICT (key) DO NOTHING
            """;
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var alert = insert.Parameters.Add("$alert", SqliteType.Text);
        var channel = insert.Parameters.Add("$channel", SqliteType.Text);
        var audience = insert.Parameters.Add("$audience", SqliteType.Text);
        var target = insert.Parameters.Add("$target", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        var created = insert.Parameters.Add("$created", SqliteType.Integer);
        var count = 0;
        foreach (var n in notifications)
        {
            key.Value = n.Key;
            alert.Value = (object?)n.AlertId ?? DBNull.Value;
            channel.Value = n.Channel;
            audience.Value = n.Audience;
            target.Value = n.Target;
            payload.Value = n.Payload;
            created.Value = n.CreatedAt.ToUnixTimeMilliseconds();
            count += insert.ExecuteNonQuery();
        }

        return count;
    }

    private static List<Alert> ReadAlerts(SqliteCommand query)
    {
        using var reader = query.ExecuteReader();
        var alerts = new List<Alert>();
        while (reader.Read())
        {
            alerts.Add(new Alert(
                reader.GetString(0),
                reader.GetString(1),
                (AlertCategory)reader.GetInt32(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                (AlertSeverity)reader.GetInt32(6),
                (AlertSeverity)reader.GetInt32(7),
                reader.GetInt32(8),
                (AlertState)reader.GetInt32(9),
                reader.GetString(10),
                reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetDouble(12),
                reader.IsDBNull(13) ? null : reader.GetDouble(13),
                reader.IsDBNull(14) ? null : reader.GetDouble(14),
                FromMs(reader.GetInt64(15)),
                FromMs(reader.GetInt64(16)),
                reader.IsDBNull(17) ? null : FromMs(reader.GetInt64(17)),
                reader.IsDBNull(18) ? null : reader.GetString(18),
                reader.IsDBNull(19) ? null : FromMs(reader.GetInt64(19)),
                reader.IsDBNull(20) ? null : reader.GetString(20),
                reader.GetInt32(21),
                FromMs(reader.GetInt64(22))));
        }

        return alerts;
    }

    private static List<OutboxItem> ReadOutbox(SqliteCommand query)
    {
        using var reader = query.ExecuteReader();
        var items = new List<OutboxItem>();
        while (reader.Read())
        {
            var entry = new OutboxEntry(
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                FromMs(reader.GetInt64(7)));
            items.Add(new OutboxItem(
                reader.GetInt64(0),
                entry,
                reader.GetInt32(8),
                FromMs(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : FromMs(reader.GetInt64(10)),
                reader.IsDBNull(11) ? null : FromMs(reader.GetInt64(11)),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return items;
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private SqliteConnection Open()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        // synchronous = FULL: an alert change and its notifications must survive a power cut once committed,
        // or a restart could forget that subscribers were (or were not) told.
        _connection = SqliteDatabase.Open(_path, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS alerts (
                id TEXT PRIMARY KEY,
                rule TEXT NOT NULL,
                subject TEXT NOT NULL,
                category INTEGER NOT NULL,
                site TEXT NOT NULL,
                gateway TEXT NOT NULL,
                sensor TEXT NOT NULL,
                severity INTEGER NOT NULL,
                peak_severity INTEGER NOT NULL,
                level INTEGER NOT NULL,
                state INTEGER NOT NULL,
                title TEXT NOT NULL,
                message TEXT NOT NULL,
                value REAL NULL,
                latitude REAL NULL,
                longitude REAL NULL,
                raised_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                acknowledged_at INTEGER NULL,
                acknowledged_by TEXT NULL,
                resolved_at INTEGER NULL,
                resolved_by TEXT NULL,
                version INTEGER NOT NULL,
                last_notified_at INTEGER NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS alerts_one_open ON alerts (rule, subject) WHERE state <> 3;
            CREATE INDEX IF NOT EXISTS alerts_updated ON alerts (updated_at);
            CREATE TABLE IF NOT EXISTS alert_events (
                alert_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                at INTEGER NOT NULL,
                severity INTEGER NOT NULL,
                message TEXT NOT NULL,
                actor TEXT NULL,
                PRIMARY KEY (alert_id, version));
            CREATE TABLE IF NOT EXISTS outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                key TEXT NOT NULL UNIQUE,
                alert_id TEXT NULL,
                channel TEXT NOT NULL,
                audience TEXT NOT NULL,
                target TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                sent_at INTEGER NULL,
                failed_at INTEGER NULL,
                last_error TEXT NULL);
            CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
            CREATE INDEX IF NOT EXISTS outbox_alert ON outbox (alert_id);
            CREATE INDEX IF NOT EXISTS outbox_destination ON outbox (alert_id, channel, target, id) WHERE sent_at IS NULL AND failed_at IS NULL;
            CREATE TABLE IF NOT EXISTS engine_state (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                saved_at INTEGER NOT NULL);
            """);
        return _connection;
    }
}
