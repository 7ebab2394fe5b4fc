using System.Text.Json;
using SmartSensors.Contracts;
using SmartSensors.Testing.Influx;

namespace SmartSensors.System.Tests.FaultInjection;

/// <summary>What InfluxDB holds for the gateways under test: per series + field, the values by capture time (µs).</summary>
internal static class StoredReadings
{
    private static readonly HashSet<string> TagColumns = new(StringComparer.Ordinal) { "time", StorageMapping.SiteTag, StorageMapping.GatewayTag, StorageMapping.SensorTag };

    /// <summary>Reads every stored field value of <paramref name="gateways"/> (in every measurement).</summary>
    public static async Task<Dictionary<StoredSeries, Dictionary<long, double>>> ReadAsync(InfluxFixture influx, string database, IEnumerable<string> gateways, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<StoredSeries, Dictionary<long, double>>();
        foreach (var gateway in gateways)
        {
            foreach (var measurement in StorageMapping.Measurements)
            {
                using var document = await influx.QueryAsync(database, $"SELECT * FROM \"{measurement}\" WHERE \"gateway\" = '{gateway}'", cancellationToken);
                var result = document.RootElement.GetProperty("results")[0];
                if (result.TryGetProperty("partial", out var partial) && partial.GetBoolean())
                {
                    throw new InvalidOperationException($"influxd answered only part of {measurement}/{gateway} (max-row-limit?).");
                }

                if (!result.TryGetProperty("series", out var series))
                {
                    continue;
                }

                foreach (var s in series.EnumerateArray())
                {
                    var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
                    var sensorColumn = Array.IndexOf(columns, StorageMapping.SensorTag);
                    foreach (var row in s.GetProperty("values").EnumerateArray())
                    {
                        var values = row.EnumerateArray().ToArray();
                        var micros = values[0].GetInt64() / 1000;
                        var sensor = values[sensorColumn].GetString()!;
                        for (var c = 0; c < columns.Length; c++)
                        {
                            if (TagColumns.Contains(columns[c]) || values[c].ValueKind != JsonValueKind.Number)
                            {
                                continue;
                            }

                            var key = new StoredSeries(measurement, gateway, sensor, columns[c]);
                            if (!stored.TryGetValue(key, out var points))
                            {
                                stored[key] = points = [];
                            }

                            points[micros] = values[c].GetDouble();
                        }
                    }
                }
            }
        }

        return stored;
    }
}
