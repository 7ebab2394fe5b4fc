using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SmartSensors.Cloud.Tests.OpenData.Infrastructure;

namespace SmartSensors.Cloud.Tests.OpenData;

/// <summary>
/// The open data over HTTP against the running host, with readings published over MQTT to a real mosquitto and stored
/// in a real influxd by the ingest role. Every request is anonymous: no credentials of any kind.
/// </summary>
public sealed class OpenDataEndpointTests : IClassFixture<OpenDataServers>
{
    private readonly OpenDataServers _servers;

    public OpenDataEndpointTests(OpenDataServers servers) => _servers = servers;

    [Fact]
    public async Task Catalogue_Anonymous_ListsDatasetsWithLicenceFieldsAndCoverage()
    {
        var (response, body) = await GetAsync("/open/v1/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("Open Government Licence v3.0", root.GetProperty("licence").GetProperty("name").GetString());
        Assert.Equal("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", root.GetProperty("licence").GetProperty("url").GetString());
        Assert.Equal("Contains public sector information licensed under the Open Government Licence v3.0.", root.GetProperty("licence").GetProperty("attribution").GetString());
        Assert.Equal("Test Borough Council", root.GetProperty("publisher").GetProperty("name").GetString());
        var datasets = root.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(["air-quality", "river-levels", "footfall"], datasets.Select(d => d.GetProperty("id").GetString()));
        var air = datasets[0];
        Assert.Equal("hourly", air.GetProperty("updateFrequency").GetString());
        Assert.Equal("Open Government Licence v3.0", air.GetProperty("licence").GetString());
        Assert.Equal("/open/v1/air-quality.csv", air.GetProperty("distributions").GetProperty("csv").GetString());
        var pm25 = air.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "pm2_5");
        Assert.Equal("µg/m³", pm25.GetProperty("unit").GetString());
        Assert.Equal(2, air.GetProperty("coverage").GetProperty("stations").GetInt32());
        var river = datasets[1].GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "level");
        Assert.Equal("m", river.GetProperty("unit").GetString());
        Assert.Equal("PT15M", root.GetProperty("limits").GetProperty("minimumFootfallWindow").GetString());

        var (again, againBody) = await GetAsync("/open/v1/datasets");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(body, againBody);
    }

    [Fact]
    public async Task Stations_Anonymous_PublicIdsAndLocationsRoundedToAbout100m()
    {
        var (response, body) = await GetAsync("/open/v1/stations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var stations = json.RootElement.GetProperty("stations").EnumerateArray().ToList();
        Assert.Equal(["town-hall-air", "market-air", "dee-bridge", "high-street"], stations.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(53.046, stations[0].GetProperty("latitude").GetDouble());
        Assert.Equal(-2.993, stations[0].GetProperty("longitude").GetDouble());
        Assert.Equal(1.5, stations[2].GetProperty("alertLevel").GetDouble());
        Assert.Equal(2.0, stations[2].GetProperty("warningLevel").GetDouble());
        Assert.Equal(2.5, stations[2].GetProperty("severeLevel").GetDouble());
    }

    [Fact]
    public async Task AirQuality_Json_HourlyMeansWithDaqiBandAndLicence()
    {
        var (response, body) = await GetAsync($"/open/v1/air-quality?from={_servers.Iso(10, 0)}&to={_servers.Iso(12, 0)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("air-quality", root.GetProperty("dataset").GetString());
        Assert.Equal("Contains public sector information licensed under the Open Government Licence v3.0.", root.GetProperty("licence").GetProperty("attribution").GetString());
        Assert.Equal("PT1H", root.GetProperty("window").GetString());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);

        var first = rows[0];
        Assert.Equal("town-hall-air", first.GetProperty("station").GetString());
        Assert.Equal("Town Hall", first.GetProperty("station_name").GetString());
        Assert.Equal(_servers.Iso(10, 0), first.GetProperty("start").GetString());
        Assert.Equal(_servers.Iso(11, 0), first.GetProperty("end").GetString());
        Assert.Equal(15, first.GetProperty("pm2_5").GetDouble());
        Assert.Equal(30, first.GetProperty("pm10").GetDouble());
        Assert.Equal(120, first.GetProperty("no2").GetDouble());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("o3").ValueKind);
        // NO2 120 µg/m³ (hourly mean) is index 2; PM has 1 of 24 hours, too little for its 24-hour mean.
        Assert.Equal(2, first.GetProperty("daqi").GetInt32());
        Assert.Equal("Low", first.GetProperty("daqi_band").GetString());
        Assert.Equal("no2", first.GetProperty("daqi_pollutant").GetString());

        var second = rows[1];
        Assert.Equal(_servers.Iso(11, 0), second.GetProperty("start").GetString());
        Assert.Equal(300, second.GetProperty("no2").GetDouble());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("pm2_5").ValueKind);
        Assert.Equal(5, second.GetProperty("daqi").GetInt32());
        Assert.Equal("Moderate", second.GetProperty("daqi_band").GetString());

        Assert.Equal("market-air", rows[2].GetProperty("station").GetString());
        Assert.Equal(50, rows[2].GetProperty("no2").GetDouble());
        Assert.Equal(1, rows[2].GetProperty("daqi").GetInt32());
    }

    [Fact]
    public async Task AirQuality_Csv_Rfc4180WithHeaderLicenceLinkAndFormulaNeutralised()
    {
        var query = $"?from={_servers.Iso(10, 0)}&to={_servers.Iso(12, 0)}";
        var (response, body) = await GetAsync("/open/v1/air-quality.csv" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains(response.Headers.GetValues("Link"), l => l.Contains("open-government-licence/version/3/", StringComparison.Ordinal) && l.Contains("rel=\"license\"", StringComparison.Ordinal));
        var lines = body.Split("\r\n");
        Assert.Equal("station,station_name,start,end,pm2_5,pm10,no2,o3,so2,daqi,daqi_band,daqi_pollutant", lines[0]);
        Assert.Equal($"town-hall-air,Town Hall,{_servers.Iso(10, 0)},{_servers.Iso(11, 0)},15,30,120,,,2,Low,no2", lines[1]);
        Assert.Equal($"town-hall-air,Town Hall,{_servers.Iso(11, 0)},{_servers.Iso(12, 0)},,,300,,,5,Moderate,no2", lines[2]);
        // The configured name is a formula: quoted (it holds quotes and a comma) and prefixed so it stays text.
        Assert.Equal($"market-air,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click\"\")\",{_servers.Iso(10, 0)},{_servers.Iso(11, 0)},,,50,,,1,Low,no2", lines[3]);
        Assert.Equal("", lines[4]);
        Assert.Equal(5, lines.Length);

        var (viaParameter, viaParameterBody) = await GetAsync("/open/v1/air-quality" + query + "&format=csv");
        Assert.Equal("text/csv; charset=utf-8", viaParameter.Content.Headers.ContentType?.ToString());
        Assert.Equal(body, viaParameterBody);
    }

    [Fact]
    public async Task RiverLevels_JsonAndCsv_LevelsWithTheStationsThresholds()
    {
        var query = $"?from={_servers.Iso(10, 0)}&to={_servers.Iso(11, 0)}&window=15m";
        var (response, body) = await GetAsync("/open/v1/river-levels" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("dee-bridge", rows[0].GetProperty("station").GetString());
        Assert.Equal(1.4, rows[0].GetProperty("level").GetDouble());
        Assert.Equal(1.2, rows[0].GetProperty("level_min").GetDouble());
        Assert.Equal(1.6, rows[0].GetProperty("level_max").GetDouble());
        Assert.Equal(2, rows[0].GetProperty("readings").GetInt64());
        Assert.Equal(1.5, rows[0].GetProperty("alert_level").GetDouble());
        Assert.Equal("alert", rows[0].GetProperty("status").GetString());
        Assert.Equal(_servers.Iso(10, 15), rows[1].GetProperty("start").GetString());
        Assert.Equal(0.5, rows[1].GetProperty("level").GetDouble());
        Assert.Equal("normal", rows[1].GetProperty("status").GetString());

        var (csv, csvBody) = await GetAsync("/open/v1/river-levels.csv" + query);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = csvBody.Split("\r\n");
        Assert.Equal("station,station_name,start,end,level,level_min,level_max,readings,alert_level,warning_level,severe_level,status", lines[0]);
        Assert.Equal($"dee-bridge,River Dee at the bridge,{_servers.Iso(10, 0)},{_servers.Iso(10, 15)},1.4,1.2,1.6,2,1.5,2,2.5,alert", lines[1]);
    }

    [Theory]
    [InlineData("5m")]
    [InlineData("PT5M")]
    [InlineData("14m")]
    [InlineData("1m")]
    public async Task Footfall_WindowUnder15Minutes_RefusedWithProblemDetails(string window)
    {
        var (response, body) = await GetAsync($"/open/v1/footfall?from={_servers.Iso(10, 0)}&to={_servers.Iso(11, 0)}&window={window}");

        AssertProblem(response, body, "window");
        Assert.Contains("15 minutes", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"rows\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Footfall_FifteenMinuteWindows_SumsOfTheCounts()
    {
        var (response, body) = await GetAsync($"/open/v1/footfall?from={_servers.Iso(10, 0)}&to={_servers.Iso(10, 30)}&window=15m");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("PT15M", json.RootElement.GetProperty("window").GetString());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("high-street", r.GetProperty("station").GetString()));
        Assert.Equal(_servers.Iso(10, 0), rows[0].GetProperty("start").GetString());
        Assert.Equal(_servers.Iso(10, 15), rows[0].GetProperty("end").GetString());
        Assert.Equal(12, rows[0].GetProperty("count").GetInt64());
        Assert.Equal(8, rows[1].GetProperty("count").GetInt64());

        var (csv, csvBody) = await GetAsync($"/open/v1/footfall.csv?from={_servers.Iso(10, 0)}&to={_servers.Iso(10, 30)}&window=30m");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"station,station_name,start,end,count,in,out\r\nhigh-street,High Street,{_servers.Iso(10, 0)},{_servers.Iso(10, 30)},20,,\r\n", csvBody);
    }

    [Fact]
    public async Task Footfall_RangeNarrowerThanTheWindow_WidenedToTheWholeWindowNeverAFiveMinuteCount()
    {
        // 10:05-10:10 holds one 5-minute count (4); the answer is the whole 10:00-10:15 window's 12.
        var (response, body) = await GetAsync($"/open/v1/footfall?from={_servers.Iso(10, 5)}&to={_servers.Iso(10, 10)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(_servers.Iso(10, 0), json.RootElement.GetProperty("from").GetString());
        Assert.Equal(_servers.Iso(10, 15), json.RootElement.GetProperty("to").GetString());
        var row = Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(12, row.GetProperty("count").GetInt64());
    }

    [Theory]
    [InlineData("/open/v1/")]
    [InlineData("/open/v1/stations")]
    [InlineData("/open/v1/stations.csv")]
    [InlineData("/open/v1/air-quality?from={10}&to={12}")]
    [InlineData("/open/v1/air-quality.csv?from={10}&to={12}")]
    [InlineData("/open/v1/river-levels?from={10}&to={12}&window=1m")]
    [InlineData("/open/v1/river-levels.csv?from={10}&to={12}")]
    [InlineData("/open/v1/footfall?from={10}&to={12}")]
    [InlineData("/open/v1/footfall.csv?from={10}&to={12}&window=1d")]
    public async Task Output_NeverContainsInternalIds(string path)
    {
        var (response, body) = await GetAsync(path.Replace("{10}", _servers.Iso(10, 0), StringComparison.Ordinal).Replace("{12}", _servers.Iso(12, 0), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.Length > 100, body);
        foreach (var id in OpenDataServers.InternalIds)
        {
            Assert.DoesNotContain(id, body, StringComparison.OrdinalIgnoreCase);
        }

        if (path.Contains("footfall", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("1000", body, StringComparison.Ordinal); // the unpublished counter's count
        }
    }

    [Theory]
    [InlineData("/open/v1/air-quality?from=yesterday", "from")]
    [InlineData("/open/v1/air-quality?from=2025-13-45T00:00:00Z", "from")]
    [InlineData("/open/v1/air-quality?from=1900-01-01T00:00:00Z&to=1900-01-02T00:00:00Z", "from")]
    [InlineData("/open/v1/air-quality?to=2999-01-01T00:00:00Z", "to")]
    [InlineData("/open/v1/air-quality?from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z", "from")]
    [InlineData("/open/v1/air-quality?from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z", "from")]
    [InlineData("/open/v1/air-quality?from=%27%3B%20DROP%20DATABASE%20opendata%3B--", "from")]
    [InlineData("/open/v1/air-quality?from=2025-06-01T00:00:00Z&from=2025-06-02T00:00:00Z", "from")]
    [InlineData("/open/v1/air-quality?window=15m", "window")]
    [InlineData("/open/v1/air-quality?format=xml", "format")]
    [InlineData("/open/v1/air-quality.csv?format=json", "format")]
    [InlineData("/open/v1/air-quality?station=nowhere", "station")]
    [InlineData("/open/v1/air-quality?station=dee-bridge", "station")]
    [InlineData("/open/v1/air-quality?station=sds011-int-19", "station")]
    [InlineData("/open/v1/air-quality?station=town-hall-air,", "station")]
    [InlineData("/open/v1/air-quality?site=site-wx1", "site")]
    [InlineData("/open/v1/footfall?gateway=gw-ff-9e2b", "gateway")]
    [InlineData("/open/v1/river-levels?window=abc", "window")]
    [InlineData("/open/v1/river-levels?window=7m", "window")]
    [InlineData("/open/v1/river-levels?window=2d", "window")]
    [InlineData("/open/v1/river-levels?window=99999999999999999999m", "window")]
    [InlineData("/open/v1/footfall?window=-15m", "window")]
    [InlineData("/open/v1/footfall?window=0m", "window")]
    public async Task HostileParameters_Refused400ProblemDetailsNamingTheParameter(string path, string parameter)
    {
        var (response, body) = await GetAsync(path);

        AssertProblem(response, body, parameter);
    }

    [Fact]
    public async Task VeryLongParameter_Refused400()
    {
        var (response, body) = await GetAsync("/open/v1/footfall?from=" + new string('9', 5000));

        AssertProblem(response, body, "from");
    }

    [Fact]
    public async Task Dataset_SameRequestWithETag_304NotModifiedAndCacheable()
    {
        var path = $"/open/v1/footfall?from={_servers.Iso(10, 0)}&to={_servers.Iso(11, 0)}";
        var (response, _) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromMinutes(1), response.Headers.CacheControl?.MaxAge);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));

        using var client = _servers.Host.Anonymous();
        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef0123456789abcdef\""));
        using var modified = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        using var client = _servers.Host.Anonymous();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Null(response.RequestMessage?.Headers.Authorization);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static void AssertProblem(HttpResponseMessage response, string body, string parameter)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(parameter, json.RootElement.GetProperty("parameter").GetString());
        Assert.Contains($"'{parameter}'", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
