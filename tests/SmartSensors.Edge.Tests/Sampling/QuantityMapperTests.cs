using SmartSensors.Contracts;
using SmartSensors.Edge.Sampling;
using DeviceQuantity = SmartSensors.Devices.Quantity;

namespace SmartSensors.Edge.Tests.Sampling;

public sealed class QuantityMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("pm25", 12.5, "ug/m3", "pm2_5", 12.5, "ug/m3")]
    [InlineData("pm1", 3, "ug/m3", "pm1", 3, "ug/m3")]
    [InlineData("pressure", 101325, "Pa", "pressure", 1013.25, "hPa")]
    [InlineData("distance", 1953, "mm", "distance", 1.953, "m")]
    [InlineData("level", 2.2, "m", "level", 2.2, "m")]
    [InlineData("moisture", 48.6, "%", "moisture", 48.6, "%")]
    [InlineData("temperature", 25.08, "Cel", "temperature", 25.08, "Cel")]
    [InlineData("count", 17, "count", "count", 17, "count")]
    public void TryMap_DeviceQuantity_BecomesTheContractQuantity(string name, double value, string unit, string quantity, double expected, string expectedUnit)
    {
        Assert.True(QuantityMapper.TryMap("s1", new DeviceQuantity(name, value, unit), At, out var reading));

        Assert.Equal(quantity, reading.Quantity);
        Assert.Equal(expected, reading.Value, 9);
        Assert.Equal(expectedUnit, reading.Unit);
        Assert.Equal(At, reading.CaptureTime);
        Assert.Empty(GatewayPackEncoder.Validate(reading));
    }

    [Theory]
    [InlineData("raw", 12000, "count")]
    [InlineData("voltage", 1.2, "V")]
    [InlineData("pressure", 1013, "psi")]
    public void TryMap_QuantityOrUnitNotInContract_IsNotMapped(string name, double value, string unit)
    {
        Assert.False(QuantityMapper.TryMap("s1", new DeviceQuantity(name, value, unit), At, out _));
    }
}
