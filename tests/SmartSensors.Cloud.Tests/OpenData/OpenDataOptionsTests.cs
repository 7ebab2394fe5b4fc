using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using SmartSensors.Cloud.OpenData;

namespace SmartSensors.Cloud.Tests.OpenData;

public sealed class OpenDataOptionsTests
{
    private static List<string> Errors(OpenDataOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }

    private static OpenDataStation Station(string id = "dee", string kind = StationKinds.RiverLevel) =>
        new() { Id = id, Name = "River Dee", Kind = kind, Site = "site", Gateway = "gw-1", Sensor = "lvl-1" };

    [Fact]
    public void Validate_Defaults_Valid()
    {
        var options = new OpenDataOptions();
        options.Stations.Add(Station());

        Assert.Empty(Errors(options));
        Assert.Equal("Open Government Licence v3.0", options.Licence.Name);
    }

    [Theory]
    [InlineData("gw-1", "OpenData:Stations:0:Id must not be the gateway or sensor id")]
    [InlineData("Dee Bridge", "OpenData:Stations:0:Id must be")]
    [InlineData("", "OpenData:Stations:0:Id must be")]
    public void Validate_BadPublicId_NamesTheSetting(string id, string expected)
    {
        var options = new OpenDataOptions();
        options.Stations.Add(Station(id));

        Assert.Contains(Errors(options), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadStations_EachMessageNamesTheSetting()
    {
        var options = new OpenDataOptions();
        options.Stations.Add(Station());
        options.Stations.Add(Station());
        options.Stations.Add(new OpenDataStation { Id = "x", Name = "X", Kind = "weather", Site = "s", Gateway = "g", Sensor = "n", Latitude = 95 });
        options.Stations.Add(new OpenDataStation { Id = "y", Name = "Y", Kind = StationKinds.Footfall, Site = "s", Gateway = "g", Sensor = "m", AlertLevel = 1 });

        var errors = Errors(options);

        Assert.Contains(errors, e => e.StartsWith("OpenData:Stations:1:Id 'dee' is used by another station", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("OpenData:Stations:1: another river-level station already publishes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("OpenData:Stations:2:Kind must be one of", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("OpenData:Stations:2:Latitude", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("OpenData:Stations:2: give both Latitude and Longitude", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("OpenData:Stations:3: AlertLevel, WarningLevel and SevereLevel apply to river-level stations only", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ThresholdsOutOfOrder_Refused()
    {
        var options = new OpenDataOptions();
        var station = Station();
        station.AlertLevel = 2;
        station.WarningLevel = 1;
        station.SevereLevel = 3;
        options.Stations.Add(station);

        Assert.Contains(Errors(options), e => e.StartsWith("OpenData:Stations:0: give all of AlertLevel < WarningLevel < SevereLevel", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LicenceAndBounds_NamesTheSetting()
    {
        var options = new OpenDataOptions { MaxRows = 0, MaxRange = TimeSpan.FromMinutes(5) };
        options.Licence.Url = null;
        options.Licence.Attribution = " ";

        var errors = Errors(options);

        Assert.Contains("OpenData:MaxRows must be between 1 and 1,000,000.", errors);
        Assert.Contains("OpenData:MaxRange must be between 1 hour and 366 days.", errors);
    }

    [Fact]
    public void Validate_NoLicenceUrlOrAttribution_NamesTheSetting()
    {
        var options = new OpenDataOptions();
        options.Licence.Url = new Uri("/licence", UriKind.Relative);
        options.Licence.Attribution = " ";

        var errors = Errors(options);

        Assert.Contains(errors, e => e.StartsWith("OpenData:Licence:Url", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("OpenData:Licence:Attribution", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Public", "Public")]
    [InlineData("restricted", "Restricted")]
    [InlineData(null, "Public")]
    public void CapFeedAccess_Configured_Read(string? value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenData:CapFeed"] = value })
            .Build();

        Assert.Equal(expected, CapFeedEndpoints.Access(configuration).ToString());
    }

    [Theory]
    [InlineData("Private")]
    [InlineData("1")]
    public void CapFeedAccess_Unknown_RefusedNamingTheSetting(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenData:CapFeed"] = value })
            .Build();

        var ex = Assert.Throws<InvalidOperationException>(() => CapFeedEndpoints.Access(configuration));
        Assert.StartsWith("OpenData:CapFeed", ex.Message, StringComparison.Ordinal);
    }
}
