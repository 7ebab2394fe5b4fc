using Microsoft.Data.Sqlite;
using SmartSensors.Contracts;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>
/// The ground truth of what a gateway produced. The gateway deletes readings from its outbox on PUBACK, so the outbox
/// alone cannot tell what was ever in it. Before the gateway first starts, the test creates the outbox database with
/// the gateway's own schema plus an <c>AFTER INSERT</c> trigger that copies every committed reading into an audit
/// table. The copy is part of the gateway's own append transaction: it exists exactly when the reading was committed
/// (a SIGKILL mid-transaction rolls back both), and it is never deleted.
/// </summary>
internal static class OutboxAudit
{
    // The gateway's schema (edge/SmartSensors.Edge/Outbox/SqliteOutbox.cs): CREATE TABLE IF NOT EXISTS there keeps
    // these tables. If the gateway's schema changes, its INSERT fails against this copy and the suite fails loudly.
    private const string Schema = """
        PRAGMA journal_mode=WAL;
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
        CREATE TABLE fault_audit (
            reading_id INTEGER PRIMARY KEY,
            sensor TEXT NOT NULL,
            kind INTEGER NOT NULL,
            quantity TEXT NOT NULL,
            value REAL NOT NULL,
            captured INTEGER NOT NULL);
        CREATE TRIGGER fault_audit_insert AFTER INSERT ON readings
        BEGIN
            INSERT INTO fault_audit (reading_id, sensor, kind, quantity, value, captured)
            VALUES (NEW.id, NEW.sensor, NEW.kind, NEW.quantity, NEW.value, NEW.captured);
        END;
        """;

    /// <summary>Creates the outbox database at <paramref name="path"/> with the audit trigger (before the gateway starts).</summary>
    public static void Prepare(string path)
    {
        if (File.Exists(path))
        {
            throw new InvalidOperationException($"{path} exists already; the audit must be in place before the first reading.");
        }

        using var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    /// <summary>Every reading the gateway ever committed, in outbox (capture) order.</summary>
    public static IReadOnlyList<ProducedReading> Produced(string gateway, string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT reading_id, sensor, kind, quantity, value, captured FROM fault_audit ORDER BY reading_id";
        using var reader = command.ExecuteReader();
        var produced = new List<ProducedReading>();
        while (reader.Read())
        {
            produced.Add(new ProducedReading(gateway, reader.GetInt64(0), reader.GetString(1), (SensorKind)reader.GetInt32(2), reader.GetString(3), reader.GetDouble(4), reader.GetInt64(5)));
        }

        return produced;
    }

    /// <summary>Readings committed and not yet acknowledged by the broker (the outbox depth).</summary>
    public static long Waiting(string path) => Scalar(path, "SELECT COUNT(*) FROM readings");

    /// <summary>Readings committed so far (the audit's size).</summary>
    public static long Committed(string path) => Scalar(path, "SELECT COUNT(*) FROM fault_audit");

    /// <summary>Readings the gateway evicted to stay within its bounds (each one would be lost by design).</summary>
    public static long Evicted(string path) => Scalar(path, "SELECT COALESCE((SELECT value FROM meta WHERE key = 'evicted_total'), 0)");

    private static long Scalar(string path, string sql)
    {
        using var connection = Open(path, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var busy = connection.CreateCommand();
            busy.CommandText = "PRAGMA busy_timeout=10000;";
            busy.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
