using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartSensors.Edge.Configuration;
using SmartSensors.Testing.Processes;

namespace SmartSensors.Edge.Tests.Configuration;

public sealed class GatewayConfigurationTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("edge-config");

    public void Dispose() => _directory.Dispose();

    private Dictionary<string, string?> Valid() => new()
    {
        ["SmartSensors:Gateway:Id"] = "bed-gw-1",
        ["SmartSensors:Gateway:Site"] = "queens-square",
        ["SmartSensors:Gateway:Location:Latitude"] = "53.0466",
        ["SmartSensors:Gateway:Location:Longitude"] = "-2.9925",
        ["SmartSensors:Broker:Host"] = "127.0.0.1",
        ["SmartSensors:Broker:Port"] = "1883",
        ["SmartSensors:Broker:Tls:Enabled"] = "false",
        ["SmartSensors:Outbox:Path"] = _directory.File("outbox.db"),
        ["SmartSensors:Sensors:0:Id"] = "bed14",
        ["SmartSensors:Sensors:0:Kind"] = "soil-moisture",
        ["SmartSensors:Sensors:0:Bus"] = "simulated",
        ["SmartSensors:Sensors:0:DryRaw"] = "21000",
        ["SmartSensors:Sensors:0:WetRaw"] = "9000",
        ["SmartSensors:Sensors:0:Interval"] = "00:01:00",
        ["SmartSensors:Sensors:0:Timeout"] = "00:00:05",
        ["SmartSensors:Sensors:1:Id"] = "weather",
        ["SmartSensors:Sensors:1:Kind"] = "bme280",
        ["SmartSensors:Sensors:1:Bus"] = "i2c",
        ["SmartSensors:Sensors:1:Address"] = "0x76",
        ["SmartSensors:Sensors:1:Interval"] = "00:05:00",
    };

    private static List<string> Failures(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGatewayConfiguration();
        using var host = builder.Build();
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return ex.Failures.Select(StartupErrors.Simplify).ToList();
        }
        catch (AggregateException ex)
        {
            return ex.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Select(StartupErrors.Simplify).ToList();
        }
    }

    private static string Single(Dictionary<string, string?> settings)
    {
        var failures = Failures(settings);
        Assert.True(failures.Count == 1, "expected one failure, got: " + string.Join(" | ", failures));
        return failures[0];
    }

    [Fact]
    public void Validate_ValidConfiguration_Passes()
    {
        Assert.Empty(Failures(Valid()));
    }

    [Fact]
    public void Validate_ShippedAppSettings_Passes()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
        var settings = configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value);
        settings["SmartSensors:Outbox:Path"] = _directory.File("outbox.db");
        Assert.Empty(Failures(settings));
    }

    [Theory]
    [InlineData("air-quality-post.json")]
    [InlineData("flowerbed.json")]
    [InlineData("river-level.json")]
    [InlineData("footfall.json")]
    public void Validate_ExampleConfiguration_PassesOnceFilesExist(string example)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", example);
        var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
        var settings = configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value);
        settings["SmartSensors:Outbox:Path"] = _directory.File("outbox.db");

        // The examples name per-gateway credential files that exist only on a provisioned gateway.
        var missingFiles = Failures(settings).Where(f => !f.Contains("names a file that does not exist", StringComparison.Ordinal)).ToList();
        Assert.Empty(missingFiles);
    }

    [Fact]
    public void Validate_SensorIntervalTooShort_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Sensors:1:Interval"] = "00:00:00.2";
        settings["SmartSensors:Sensors:1:Timeout"] = "00:00:00.1";

        Assert.StartsWith("SmartSensors:Sensors:1:Interval must be between 1 s and 1 h", Single(settings));
    }

    [Fact]
    public void Validate_TimeoutLongerThanInterval_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Sensors:0:Timeout"] = "00:02:00";

        Assert.StartsWith("SmartSensors:Sensors:0:Timeout must be between 100 ms and the sensor's Interval", Single(settings));
    }

    [Fact]
    public void Validate_UppercaseGatewayId_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Gateway:Id"] = "Bed_GW";

        Assert.Equal("SmartSensors:Gateway:Id must be 1-64 characters of a-z, 0-9 and '-' (got 'Bed_GW').", Single(settings));
    }

    [Fact]
    public void Validate_MissingSite_NamesTheSetting()
    {
        var settings = Valid();
        settings.Remove("SmartSensors:Gateway:Site");

        Assert.StartsWith("SmartSensors:Gateway:Site is required", Single(settings));
    }

    [Fact]
    public void Validate_LatitudeOutOfRange_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Gateway:Location:Latitude"] = "123";

        Assert.StartsWith("SmartSensors:Gateway:Location:Latitude must be between -90 and 90", Single(settings));
    }

    [Fact]
    public void Validate_PortOutOfRange_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Broker:Port"] = "70000";

        Assert.Equal("SmartSensors:Broker:Port must be between 1 and 65535.", Single(settings));
    }

    [Fact]
    public void Validate_RemoteBrokerWithoutTls_IsRefused()
    {
        var settings = Valid();
        settings["SmartSensors:Broker:Host"] = "mqtt.example.org";

        Assert.StartsWith("SmartSensors:Broker:Tls:Enabled must be true for a broker that is not on this machine", Single(settings));
    }

    [Fact]
    public void Validate_MissingCaFile_NamesTheSettingAndPath()
    {
        var settings = Valid();
        settings["SmartSensors:Broker:Tls:CaFile"] = "/nonexistent/ca.pem";

        Assert.Equal("SmartSensors:Broker:Tls:CaFile names a file that does not exist: '/nonexistent/ca.pem'.", Single(settings));
    }

    [Fact]
    public void Validate_PasswordWithoutUsername_IsRefusedWithoutEchoingThePassword()
    {
        var settings = Valid();
        settings["SmartSensors:Broker:Password"] = "s3cret-value";

        var failure = Single(settings);
        Assert.Equal("SmartSensors:Broker:Username is required when a password is configured.", failure);
        Assert.DoesNotContain("s3cret-value", failure);
    }

    [Fact]
    public void Validate_DuplicateSensorIds_NamesTheSecond()
    {
        var settings = Valid();
        settings["SmartSensors:Sensors:1:Id"] = "bed14";

        Assert.StartsWith("SmartSensors:Sensors:1:Id 'bed14' is used by another sensor", Single(settings));
    }

    [Fact]
    public void Validate_NegativeReplayWindow_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Broker:ReplayWindow"] = "-00:00:10";

        Assert.StartsWith("SmartSensors:Broker:ReplayWindow must be between 0 (off) and 1 h", Single(settings));
    }

    [Fact]
    public void Validate_ReservedHealthSensorId_IsRefused()
    {
        var settings = Valid();
        settings["SmartSensors:Sensors:1:Id"] = "gateway";

        Assert.StartsWith("SmartSensors:Sensors:1:Id 'gateway' is reserved", Single(settings));
    }

    [Fact]
    public void Validate_WrongBusForKind_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Sensors:1:Bus"] = "serial";

        Assert.Equal("SmartSensors:Sensors:1:Bus must be 'i2c' or 'simulated' for a bme280 (got 'serial').", Single(settings));
    }

    [Fact]
    public void Validate_UnknownKind_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Sensors:1:Kind"] = "bme680";

        Assert.StartsWith("SmartSensors:Sensors:1:Kind must be one of", Single(settings));
    }

    [Fact]
    public void Validate_BadAddress_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Sensors:1:Address"] = "0xZZ";

        Assert.Equal("SmartSensors:Sensors:1:Address must be a number, decimal or 0x-hex (got '0xZZ').", Single(settings));
    }

    [Fact]
    public void Validate_SoilProbeWithoutCalibration_NamesTheSetting()
    {
        var settings = Valid();
        settings.Remove("SmartSensors:Sensors:0:DryRaw");

        Assert.StartsWith("SmartSensors:Sensors:0:DryRaw and SmartSensors:Sensors:0:WetRaw are required", Single(settings));
    }

    [Fact]
    public void Validate_ThresholdLowAboveHigh_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Sensors:0:Thresholds:moisture:Low"] = "80";
        settings["SmartSensors:Sensors:0:Thresholds:moisture:High"] = "20";

        Assert.Equal("SmartSensors:Sensors:0:Thresholds:moisture:Low must be below High.", Single(settings));
    }

    [Fact]
    public void Validate_NoSensors_IsRefused()
    {
        var settings = Valid().Where(p => !p.Key.StartsWith("SmartSensors:Sensors", StringComparison.Ordinal)).ToDictionary();

        Assert.Equal("SmartSensors:Sensors must list at least one sensor.", Single(settings));
    }

    [Fact]
    public void Validate_OutboxTooSmall_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Outbox:MaxBytes"] = "1000";

        Assert.Equal("SmartSensors:Outbox:MaxBytes must be between 64 KiB and 64 GiB.", Single(settings));
    }

    [Fact]
    public void Validate_OutboxDirectoryMissing_NamesTheSetting()
    {
        var settings = Valid();
        settings["SmartSensors:Outbox:Path"] = "/nonexistent-dir/outbox.db";

        Assert.Equal("SmartSensors:Outbox:Path must be in an existing directory (got '/nonexistent-dir/outbox.db').", Single(settings));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var settings = Valid();
        settings["SmartSensors:Gateway:Id"] = "";
        settings["SmartSensors:Sensors:0:Interval"] = "02:00:00";
        settings["SmartSensors:Broker:Port"] = "0";

        var failures = Failures(settings);

        Assert.Contains(failures, f => f.StartsWith("SmartSensors:Gateway:Id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("SmartSensors:Sensors:0:Interval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("SmartSensors:Broker:Port", StringComparison.Ordinal));
    }
}
