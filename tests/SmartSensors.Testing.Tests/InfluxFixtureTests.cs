using SmartSensors.Testing.Influx;

namespace SmartSensors.Testing.Tests;

public sealed class InfluxFixtureTests
{
    [Fact]
    public async Task WriteAsync_Point_ReadBackByQuery()
    {
        await using var influx = await InfluxFixture.StartAsync();
        await influx.CreateDatabaseAsync("smartsensors");

        await influx.WriteAsync("smartsensors", "soil,site=park,gateway=gw-1,sensor=bed-14 moisture=21.5 1700000000000000000");

        var rows = await influx.QueryRowsAsync("smartsensors", "SELECT moisture, sensor FROM soil");
        var row = Assert.Single(rows);
        Assert.Equal(1_700_000_000_000_000_000L, row[0].GetInt64());
        Assert.Equal(21.5, row[1].GetDouble());
        Assert.Equal("bed-14", row[2].GetString());
    }

    [Fact]
    public async Task KillAsync_ThenRestart_SamePortAndDataKept()
    {
        await using var influx = await InfluxFixture.StartAsync();
        await influx.CreateDatabaseAsync("smartsensors");
        await influx.WriteAsync("smartsensors", "water_level,site=river,gateway=gw-2,sensor=bank level=1.25 1700000000000000000");
        var port = influx.Port;

        await influx.KillAsync();
        Assert.Null(influx.ProcessId);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => influx.QueryRowsAsync("smartsensors", "SELECT * FROM water_level"));
        await influx.RestartAsync();

        Assert.Equal(port, influx.Port);
        Assert.Equal(1, await influx.CountAsync("smartsensors", "water_level", "level"));
    }
}
