using SmartSensors.Influx.Query;
using SmartSensors.Influx.Setup;

namespace SmartSensors.Influx.Tests.Setup;

// Against a real influxd (InfluxFixture).
public sealed class InfluxDatabaseSetupTests : IClassFixture<InfluxServer>
{
    private readonly InfluxServer _server;

    public InfluxDatabaseSetupTests(InfluxServer server) => _server = server;

    [Fact]
    public async Task EnsureAsync_RunTwiceWithChangedRetention_CreatesThenUpdatesLayout()
    {
        var options = new InfluxSetupOptions { Database = "setup_test", RawRetention = TimeSpan.FromDays(7) };
        using var client = _server.Query("setup_test");

        await InfluxDatabaseSetup.EnsureAsync(client, options, TestTimeout.Token());
        options.RawRetention = TimeSpan.FromDays(30);
        await InfluxDatabaseSetup.EnsureAsync(client, options, TestTimeout.Token());

        var policies = (await client.QueryAsync("SHOW RETENTION POLICIES ON \"setup_test\"", cancellationToken: TestTimeout.Token())).EnsureSuccess().AllSeries.Single();
        var byName = policies.Values.ToDictionary(r => (string)r[policies.ColumnIndex("name")]!);
        Assert.Equal("720h0m0s", byName["raw"][policies.ColumnIndex("duration")]);
        Assert.Equal(true, byName["raw"][policies.ColumnIndex("default")]);
        Assert.Equal("0s", byName["long_term"][policies.ColumnIndex("duration")]); // INF
        Assert.Equal(false, byName["long_term"][policies.ColumnIndex("default")]);

        var cqs = (await client.QueryAsync("SHOW CONTINUOUS QUERIES", cancellationToken: TestTimeout.Token())).EnsureSuccess();
        var cq = Assert.Single(cqs.AllSeries.Single(s => s.Name == "setup_test").Values);
        Assert.Equal("cq_hourly_mean", cq[0]);
        Assert.Contains("mean(*)", (string)cq[1]!, StringComparison.Ordinal);
        Assert.Contains("GROUP BY time(1h)", (string)cq[1]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinuousQueryText_RunOnceByHand_WritesHourlyMeansIntoLongTerm()
    {
        var options = new InfluxSetupOptions { Database = "downsample_test" };
        using var client = _server.Query("downsample_test");
        await InfluxDatabaseSetup.EnsureAsync(client, options, TestTimeout.Token());
        // Two readings in one hour, one in the next (written to the default policy, raw).
        long hour = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600) - (3 * 3600);
        await _server.Influx.WriteAsync("downsample_test", $"air_quality,site=a pm25=10 {hour}\nair_quality,site=a pm25=20 {hour + 100}\nair_quality,site=a pm25=40 {hour + 3600}\n", "s");

        // The continuous query's own SELECT … INTO, bounded in time, as InfluxDB runs it every hour.
        string cq = InfluxDatabaseSetup.ContinuousQueryText(options);
        string select = cq[(cq.IndexOf("BEGIN ", StringComparison.Ordinal) + 6)..cq.LastIndexOf(" END", StringComparison.Ordinal)];
        select = select.Replace(" GROUP BY", $" WHERE time >= {hour}s AND time < {hour + 7200}s GROUP BY", StringComparison.Ordinal);
        (await client.ExecuteAsync(select, cancellationToken: TestTimeout.Token())).EnsureSuccess();

        var rows = await _server.Influx.QueryRowsAsync("downsample_test", "SELECT mean_pm25 FROM \"downsample_test\".\"long_term\".\"air_quality\" WHERE site = 'a'");
        Assert.Equal([15.0, 40.0], rows.Select(r => r[1].GetDouble()));
    }

    [Fact]
    public async Task EnsureAsync_InvalidOptions_NameTheSetting()
    {
        using var client = _server.Query("x");

        var tooShort = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            InfluxDatabaseSetup.EnsureAsync(client, new InfluxSetupOptions { RawRetention = TimeSpan.FromMinutes(5) }, CancellationToken.None));
        var samePolicy = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            InfluxDatabaseSetup.EnsureAsync(client, new InfluxSetupOptions { LongTermRetentionPolicy = "raw" }, CancellationToken.None));

        Assert.Contains(tooShort.Failures, f => f.Contains("Influx:Setup:RawRetention", StringComparison.Ordinal));
        Assert.Contains(samePolicy.Failures, f => f.Contains("Influx:Setup:LongTermRetentionPolicy", StringComparison.Ordinal));
    }
}
