using Microsoft.Extensions.Configuration;
using SmartSensors.Devices.Simulation;

namespace SmartSensors.Devices.Tests;

/// <summary>The gateway binds sensor descriptions straight from appsettings.json / environment variables.</summary>
public sealed class SensorDescriptionBindingTests
{
    [Fact]
    public void Bind_JsonStyleSettingsWithHexAddress_AllPropertiesSet()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sensors:0:Id"] = "bed14",
            ["Sensors:0:Kind"] = "soil-moisture",
            ["Sensors:0:Simulated"] = "true",
            ["Sensors:0:Address"] = "0x49",
            ["Sensors:0:Channel"] = "2",
            ["Sensors:0:DryRaw"] = "20450",
            ["Sensors:0:WetRaw"] = "9120",
            ["Sensors:1:Id"] = "dee-bridge",
            ["Sensors:1:Kind"] = "water-level",
            ["Sensors:1:DatumMm"] = "3480.5",
            ["Sensors:1:Format"] = "maxbotix",
            ["Simulation:SpeedUp"] = "1440",
            ["Simulation:Start"] = "2026-03-02T00:00:00Z",
        }).Build();

        var sensors = config.GetSection("Sensors").Get<List<SensorDescription>>()!;
        var simulation = config.GetSection("Simulation").Get<SimulationOptions>()!;

        Assert.Equal(0x49, sensors[0].Address);
        Assert.Equal(2, sensors[0].Channel);
        Assert.True(sensors[0].Simulated);
        Assert.Equal(20450, sensors[0].DryRaw);
        Assert.Empty(sensors[0].Validate());
        Assert.Equal(3480.5, sensors[1].DatumMm);
        Assert.Equal("maxbotix", sensors[1].Format);
        Assert.Equal(9600, sensors[1].BaudRate); // default kept
        Assert.Empty(sensors[1].Validate());
        Assert.Equal(1440, simulation.SpeedUp);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), simulation.Start);
    }
}
