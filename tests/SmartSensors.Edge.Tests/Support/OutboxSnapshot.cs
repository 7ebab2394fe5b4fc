using Microsoft.Data.Sqlite;

namespace SmartSensors.Edge.Tests.Support;

/// <summary>Reads a gateway's outbox database directly (as committed on disk), e.g. after the gateway was SIGKILLed.</summary>
internal static class OutboxSnapshot
{
    public static HashSet<(string Sensor, string Quantity, long CaptureTicks)> Keys(string path)
    {
        var keys = new HashSet<(string, string, long)>();
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sensor, quantity, captured FROM readings";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // The wire carries microseconds.
            var ticks = reader.GetInt64(2);
            keys.Add((reader.GetString(0), reader.GetString(1), ticks - (ticks % 10)));
        }

        return keys;
    }

    /// <summary>QoS 2 packs recorded and not yet completed (delivery mode ExactlyOnce).</summary>
    public static int StoredPackCount(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM packs";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static long Evicted(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'evicted_total'";
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private static SqliteConnection Open(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadWrite;Pooling=False");
        connection.Open();
        return connection;
    }
}
