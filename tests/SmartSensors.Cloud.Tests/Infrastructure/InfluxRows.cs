using System.Text.Json;
using SmartSensors.Testing.Influx;

namespace SmartSensors.Cloud.Tests.Infrastructure;

/// <summary>Reads InfluxQL answers as rows keyed by column name.</summary>
internal static class InfluxRows
{
    public static async Task<List<Dictionary<string, JsonElement>>> QueryAsync(InfluxFixture influx, string database, string influxQl)
    {
        using var document = await influx.QueryAsync(database, influxQl);
        var rows = new List<Dictionary<string, JsonElement>>();
        var result = document.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series))
        {
            return rows;
        }

        foreach (var s in series.EnumerateArray())
        {
            var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            foreach (var values in s.GetProperty("values").EnumerateArray())
            {
                var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                var i = 0;
                foreach (var value in values.EnumerateArray())
                {
                    row[columns[i++]] = value.Clone();
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>
    /// Checks that InfluxDB holds exactly the points of <see cref="TestPacks"/> for every gateway and sequence
    /// number given, once each, with the expected tags, fields and capture timestamps — and nothing else.
    /// </summary>
    public static async Task AssertStoredExactlyAsync(InfluxFixture influx, string database, string site, IReadOnlyDictionary<string, long> packsPerGateway, DateTimeOffset start)
    {
        var expected = packsPerGateway.Values.Sum();
        foreach (var measurement in new[] { "weather", "air_quality", "soil", "footfall" })
        {
            var rows = await QueryAsync(influx, database, $"SELECT * FROM \"{measurement}\"");
            Assert.True(rows.Count == expected, $"{measurement}: expected {expected} points, found {rows.Count}");
            var seen = new HashSet<(string, long)>();
            foreach (var row in rows)
            {
                Assert.Equal(site, row["site"].GetString());
                var gateway = row["gateway"].GetString()!;
                Assert.True(packsPerGateway.ContainsKey(gateway), $"unexpected gateway {gateway}");
                var timeNs = row["time"].GetInt64();
                var sinceStartNs = timeNs - start.ToUnixTimeMilliseconds() * 1_000_000;
                Assert.True(sinceStartNs % 1_000_000_000 == 0, $"{measurement} {gateway}: capture time {timeNs} is not start + whole seconds");
                var sequence = sinceStartNs / 1_000_000_000;
                Assert.InRange(sequence, 0, packsPerGateway[gateway] - 1);
                Assert.True(seen.Add((gateway, sequence)), $"{measurement} {gateway} #{sequence} stored twice");
                switch (measurement)
                {
                    case "weather":
                        Assert.Equal("bme280-1", row["sensor"].GetString());
                        Assert.Equal(TestPacks.Temperature(sequence), row["temperature"].GetDouble());
                        Assert.Equal(TestPacks.Humidity(sequence), row["humidity"].GetDouble());
                        Assert.Equal(TestPacks.Pressure(sequence), row["pressure"].GetDouble());
                        break;
                    case "air_quality":
                        Assert.Equal("sds011-1", row["sensor"].GetString());
                        Assert.Equal(TestPacks.Pm25(sequence), row["pm2_5"].GetDouble());
                        Assert.Equal(TestPacks.Pm25(sequence) * 2, row["pm10"].GetDouble());
                        Assert.Equal(12.5, row["no2"].GetDouble());
                        break;
                    case "soil":
                        Assert.Equal("soil-1", row["sensor"].GetString());
                        Assert.Equal(30 + (sequence % 20), row["moisture"].GetDouble());
                        break;
                    case "footfall":
                        Assert.Equal("beam-1", row["sensor"].GetString());
                        Assert.Equal(TestPacks.Count(sequence), row["count"].GetInt64());
                        break;
                }
            }
        }
    }

    /// <summary>Number of weather points (one per pack) currently stored.</summary>
    public static async Task<long> CountPacksAsync(InfluxFixture influx, string database) =>
        await influx.CountAsync(database, "weather", "temperature");
}
