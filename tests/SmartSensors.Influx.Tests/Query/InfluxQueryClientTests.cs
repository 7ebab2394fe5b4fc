using SmartSensors.Influx.Query;

namespace SmartSensors.Influx.Tests.Query;

// Against a real influxd (InfluxFixture).
public sealed class InfluxQueryClientTests : IClassFixture<InfluxServer>
{
    private readonly InfluxServer _server;

    public InfluxQueryClientTests(InfluxServer server) => _server = server;

    [Fact]
    public async Task QueryAsync_GroupByTag_ReturnsTypedSeriesWithTags()
    {
        string db = await _server.NewDatabaseAsync();
        await _server.Influx.WriteAsync(db, "soil,bed=14,site=queens moisture=20.5,ok=true,note=\"dry\",n=3i 1000000000\nsoil,bed=15,site=queens moisture=71.25,ok=false,note=\"wet\",n=4i 2000000000\n");
        using var client = _server.Query(db);

        var result = (await client.QueryAsync("SELECT moisture, ok, note, n FROM soil GROUP BY bed", epoch: InfluxEpoch.Seconds, cancellationToken: TestTimeout.Token())).EnsureSuccess();

        var series = result.AllSeries.OrderBy(s => s.Tags["bed"]).ToList();
        Assert.Equal(2, series.Count);
        Assert.All(series, s => Assert.Equal("soil", s.Name));
        Assert.Equal(["time", "moisture", "ok", "note", "n"], series[0].Columns);
        Assert.Equal(1L, series[0].GetValue(0, "time"));
        Assert.Equal(20.5, series[0].GetDouble(0, "moisture"));
        Assert.Equal(true, series[0].GetValue(0, "ok"));
        Assert.Equal("dry", series[0].GetValue(0, "note"));
        Assert.Equal(3L, series[0].GetValue(0, "n"));
        Assert.Equal("15", series[1].Tags["bed"]);
        Assert.Equal(71.25, series[1].GetDouble(0, "moisture"));
    }

    [Theory]
    [InlineData("x' OR '1'='1")]
    [InlineData("14\" OR \"bed\" != '")]
    [InlineData("14'; DROP DATABASE \"db\"; --")]
    [InlineData("\\' OR 1=1")]
    public async Task QueryAsync_HostileBoundParameter_IsComparedAsAValueNotParsedAsInfluxQL(string hostile)
    {
        string db = await _server.NewDatabaseAsync();
        await _server.Influx.WriteAsync(db, "soil,bed=14 moisture=20.5 1\n");
        using var client = _server.Query(db);
        const string Query = "SELECT moisture FROM soil WHERE bed = $bed";

        var hostileResult = (await client.QueryAsync(Query, new Dictionary<string, object?> { ["bed"] = hostile }, cancellationToken: TestTimeout.Token())).EnsureSuccess();
        var legit = (await client.QueryAsync(Query, new Dictionary<string, object?> { ["bed"] = "14" }, cancellationToken: TestTimeout.Token())).EnsureSuccess();

        Assert.Empty(hostileResult.AllSeries);
        Assert.Single(Assert.Single(legit.AllSeries).Values);
        Assert.Equal(1, await _server.Influx.CountAsync(db, "soil", "moisture"));
    }

    [Fact]
    public async Task QueryAsync_NumericAndTimeParameters_AreBound()
    {
        string db = await _server.NewDatabaseAsync();
        await _server.Influx.WriteAsync(db, "river level=1.5 1700000000000000000\nriver level=2.5 1700000060000000000\nriver level=3.5 1700000120000000000\n");
        using var client = _server.Query(db);

        var result = (await client.QueryAsync(
            "SELECT level FROM river WHERE level > $min AND time >= $from",
            new Dictionary<string, object?> { ["min"] = 2.0, ["from"] = DateTimeOffset.FromUnixTimeSeconds(1_700_000_060) },
            cancellationToken: TestTimeout.Token())).EnsureSuccess();

        var series = Assert.Single(result.AllSeries);
        Assert.Equal([2.5, 3.5], series.Values.Select((_, i) => series.GetDouble(i, "level")!.Value));
    }

    [Fact]
    public async Task QueryAsync_InvalidQuery_ThrowsWithInfluxDbMessage()
    {
        string db = await _server.NewDatabaseAsync();
        using var client = _server.Query(db);

        var ex = await Assert.ThrowsAsync<InfluxQueryException>(() => client.QueryAsync("SELEKT * FROM x", cancellationToken: TestTimeout.Token()));

        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("error parsing query", ex.InfluxError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_StatementError_IsReportedPerStatement()
    {
        using var client = _server.Query("no_such_database");

        var result = await client.QueryAsync("SELECT * FROM m", cancellationToken: TestTimeout.Token());

        Assert.Contains("database not found", Assert.Single(result.Statements).Error, StringComparison.Ordinal);
        Assert.Throws<InfluxQueryException>(() => result.EnsureSuccess());
    }

    [Fact]
    public async Task PingAsync_InfluxDb16_ReportsVersionWithoutUnsignedSupport()
    {
        using var client = _server.Query("any");

        var ping = await client.PingAsync(TestTimeout.Token());

        Assert.StartsWith("1.", ping.Version, StringComparison.Ordinal);
        Assert.Equal(1, ping.MajorVersion);
        Assert.False(ping.SupportsUnsignedIntegers); // and InfluxWriterTests shows 1.6 refusing 'u'
    }

    [Fact]
    public async Task QueryAsync_ServerUnreachable_ThrowsClearError()
    {
        using var client = new InfluxQueryClient(new InfluxConnectionOptions { Url = new Uri("http://127.0.0.1:9/"), Database = "x" });

        var ex = await Assert.ThrowsAsync<InfluxQueryException>(() => client.QueryAsync("SHOW DATABASES", cancellationToken: TestTimeout.Token()));

        Assert.Contains("could not be reached", ex.Message, StringComparison.Ordinal);
    }
}
