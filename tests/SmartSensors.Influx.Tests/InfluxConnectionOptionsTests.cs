using Microsoft.Extensions.Options;
using SmartSensors.Influx.Query;
using SmartSensors.Influx.Write;

namespace SmartSensors.Influx.Tests;

public sealed class InfluxConnectionOptionsTests
{
    [Fact]
    public void Constructor_V2WithoutOrgBucketToken_NamesEachSetting()
    {
        var options = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), ApiVersion = InfluxApiVersion.V2 };

        var ex = Assert.Throws<OptionsValidationException>(() => new InfluxQueryClient(options));

        Assert.Contains(ex.Failures, f => f.Contains("Influx:Org", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Influx:Bucket", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Influx:Token", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_MissingUrl_NamesTheSetting()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new InfluxQueryClient(new InfluxConnectionOptions { Database = "d" }));
        Assert.Contains(ex.Failures, f => f.Contains("Influx:Url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Constructor_InvalidWriterOptions_NamesTheSetting()
    {
        var connection = new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:8086/"), Database = "d" };

        var ex = Assert.Throws<OptionsValidationException>(() => new InfluxWriter(connection, new InfluxWriterOptions { BatchPoints = 0, QueueCapacity = 0 }));

        Assert.Contains(ex.Failures, f => f.Contains("Influx:Writer:BatchPoints", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Influx:Writer:QueueCapacity", StringComparison.Ordinal));
        await Task.CompletedTask;
    }
}
