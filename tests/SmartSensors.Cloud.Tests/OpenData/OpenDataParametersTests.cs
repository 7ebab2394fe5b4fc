using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SmartSensors.Cloud.OpenData;

namespace SmartSensors.Cloud.Tests.OpenData;

public sealed class OpenDataParametersTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 7, 30, TimeSpan.Zero);

    private static OpenDataOptions Options(int maxRows = 50_000)
    {
        var options = new OpenDataOptions { MaxRows = maxRows };
        options.Stations.Add(new OpenDataStation { Id = "high-street", Name = "High Street", Kind = StationKinds.Footfall, Site = "s", Gateway = "g", Sensor = "a" });
        options.Stations.Add(new OpenDataStation { Id = "market", Name = "Market", Kind = StationKinds.Footfall, Site = "s", Gateway = "g", Sensor = "b" });
        options.Stations.Add(new OpenDataStation { Id = "dee", Name = "Dee", Kind = StationKinds.RiverLevel, Site = "s", Gateway = "r", Sensor = "c" });
        return options;
    }

    private static OpenDataRequest? Parse(string kind, string query, out ParameterProblem? problem, int maxRows = 50_000, bool csv = false) =>
        OpenDataParameters.Parse(kind, new QueryCollection(QueryHelpers(query)), csv, Options(maxRows), Now, out problem);

    private static Dictionary<string, StringValues> QueryHelpers(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);

    [Fact]
    public void Parse_NoParameters_LastDayOfEveryStationOfTheKindInWholeWindows()
    {
        var request = Parse(StationKinds.Footfall, "", out var problem);

        Assert.Null(problem);
        Assert.NotNull(request);
        Assert.Equal(["high-street", "market"], request.Stations.Select(s => s.Id));
        Assert.Equal(TimeSpan.FromMinutes(15), request.Window);
        Assert.Equal(new DateTimeOffset(2025, 6, 9, 12, 0, 0, TimeSpan.Zero), request.From);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 12, 15, 0, TimeSpan.Zero), request.To);
        Assert.False(request.Csv);
    }

    [Theory]
    [InlineData("5m")]
    [InlineData("PT14M59S")]
    [InlineData("10m")]
    public void Parse_FootfallUnder15Minutes_RefusedNamingWindow(string window)
    {
        var request = Parse(StationKinds.Footfall, "?window=" + window, out var problem);

        Assert.Null(request);
        Assert.Equal("window", problem?.Parameter);
        Assert.Contains("15 minutes", problem?.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("15m", 15)]
    [InlineData("PT30M", 30)]
    [InlineData("1h", 60)]
    [InlineData("1d", 1440)]
    public void Parse_FootfallWindowOf15MinutesOrMore_Accepted(string window, int minutes)
    {
        var request = Parse(StationKinds.Footfall, "?window=" + window, out _);

        Assert.Equal(TimeSpan.FromMinutes(minutes), request?.Window);
    }

    [Fact]
    public void Parse_RangeInsideOneWindow_WidenedToTheWholeWindow()
    {
        var request = Parse(StationKinds.Footfall, "?from=2025-06-10T10:05:00Z&to=2025-06-10T10:06:00Z", out _);

        Assert.Equal(new DateTimeOffset(2025, 6, 10, 10, 0, 0, TimeSpan.Zero), request?.From);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 10, 15, 0, TimeSpan.Zero), request?.To);
    }

    [Fact]
    public void Parse_TimeWithOffset_ConvertedToUtc()
    {
        var request = Parse(StationKinds.RiverLevel, "?from=2025-06-10T11:00:00%2B01:00&to=2025-06-10T12:00:00%2B01:00", out _);

        Assert.Equal(new DateTimeOffset(2025, 6, 10, 10, 0, 0, TimeSpan.Zero), request?.From);
    }

    [Fact]
    public void Parse_UnencodedPlusInOffset_ReadAsPlus()
    {
        var request = Parse(StationKinds.RiverLevel, "?from=2025-06-10T11:00:00+01:00&to=2025-06-10T12:00:00+01:00", out var problem);

        Assert.Null(problem);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 10, 0, 0, TimeSpan.Zero), request?.From);
    }

    [Fact]
    public void Parse_MoreRowsThanMaxRows_RefusedSayingHowToNarrow()
    {
        // 2 stations × 96 quarter-hours = 192 rows.
        var request = Parse(StationKinds.Footfall, "?from=2025-06-09T00:00:00Z&to=2025-06-10T00:00:00Z", out var problem, maxRows: 100);

        Assert.Null(request);
        Assert.Equal("from", problem?.Parameter);
        Assert.Contains("192 rows", problem?.Detail, StringComparison.Ordinal);
        Assert.NotNull(Parse(StationKinds.Footfall, "?from=2025-06-09T00:00:00Z&to=2025-06-10T00:00:00Z&station=market", out _, maxRows: 100));
    }

    [Theory]
    [InlineData("?station=dee", "station")]
    [InlineData("?station=high-street,nope", "station")]
    [InlineData("?format=html", "format")]
    [InlineData("?window=13", "window")]
    [InlineData("?window=P1Y", "window")]
    [InlineData("?window=PT1.5M", "window")]
    [InlineData("?from=10/06/2025", "from")]
    [InlineData("?from=2025-06-10T10:00:00Z%0A", "from")]
    [InlineData("?to=+2025-06-10T00:00:00Z", "to")]
    [InlineData("?limit=10", "limit")]
    [InlineData("?from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z", "from")]
    public void Parse_BadParameter_RefusedNamingIt(string query, string parameter)
    {
        var request = Parse(StationKinds.Footfall, query, out var problem);

        Assert.Null(request);
        Assert.Equal(parameter, problem?.Parameter);
    }

    [Fact]
    public void Parse_DuplicateStationsInTheList_Once()
    {
        var request = Parse(StationKinds.Footfall, "?station=market,market,high-street", out _);

        Assert.Equal(["market", "high-street"], request?.Stations.Select(s => s.Id));
    }

    [Fact]
    public void Parse_CsvSuffixOrFormat_Csv()
    {
        Assert.True(Parse(StationKinds.Footfall, "", out _, csv: true)?.Csv);
        Assert.True(Parse(StationKinds.Footfall, "?format=CSV", out _)?.Csv);
        Assert.True(Parse(StationKinds.Footfall, "?format=csv", out _, csv: true)?.Csv);
    }

    [Fact]
    public void Parse_AirQuality_AlwaysHourly()
    {
        var request = Parse(StationKinds.AirQuality, "?from=2025-06-10T10:30:00Z&to=2025-06-10T11:10:00Z", out _);

        Assert.Equal(TimeSpan.FromHours(1), request?.Window);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 10, 0, 0, TimeSpan.Zero), request?.From);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero), request?.To);
    }
}
