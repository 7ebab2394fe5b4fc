namespace SmartSensors.Contracts.Tests;

public sealed class QuantitiesTests
{
    [Fact]
    public void All_Names_UniqueAcrossKinds()
    {
        Assert.Equal(Quantities.All.Count, Quantities.All.Select(q => q.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_Units_InTheUnitTable()
    {
        Assert.All(Quantities.All, q => Assert.True(SenmlUnits.IsKnown(q.Unit), q.Name));
    }

    [Fact]
    public void All_EveryKindHasQuantities()
    {
        Assert.All(Enum.GetValues<SensorKind>(), k => Assert.NotEmpty(Quantities.OfKind(k)));
    }

    [Theory]
    [InlineData("temperature", -60, null)]
    [InlineData("temperature", 70, null)]
    [InlineData("temperature", -60.01, ReasonCodes.OutOfRange)]
    [InlineData("temperature", 70.01, ReasonCodes.OutOfRange)]
    [InlineData("humidity", 100, null)]
    [InlineData("humidity", 100.1, ReasonCodes.OutOfRange)]
    [InlineData("pressure", 299, ReasonCodes.OutOfRange)]
    [InlineData("pressure", 1013.25, null)]
    [InlineData("pm2_5", 2000, null)]
    [InlineData("pm2_5", -0.1, ReasonCodes.OutOfRange)]
    [InlineData("moisture", 101, ReasonCodes.OutOfRange)]
    [InlineData("level", -50, null)]
    [InlineData("level", 100.5, ReasonCodes.OutOfRange)]
    [InlineData("count", 0, null)]
    [InlineData("count", -1, ReasonCodes.OutOfRange)]
    [InlineData("count", 1.5, ReasonCodes.NotInteger)]
    [InlineData("evicted", 12, null)]
    [InlineData("temperature", double.NaN, ReasonCodes.NotFinite)]
    [InlineData("co2", double.PositiveInfinity, ReasonCodes.NotFinite)]
    public void Check_Value_ReasonOrNull(string quantity, double value, string? expected)
    {
        Assert.True(Quantities.TryGet(quantity, out var definition));
        Assert.Equal(expected, definition.Check(value));
    }

    [Fact]
    public void SecondaryUnits_OnlyTheFourRfc8798UnitsWeUse()
    {
        Assert.Equal(["ug/m3", "ppm", "hPa", "mm"], SenmlUnits.Secondary);
        Assert.True(Quantities.Pm25.NeedsSecondaryUnits);
        Assert.False(Quantities.Temperature.NeedsSecondaryUnits);
    }

    [Fact]
    public void SenmlVersion_Supported_TenAndBelowOrTwentySix()
    {
        Assert.True(SenmlVersion.IsSupported(5));
        Assert.True(SenmlVersion.IsSupported(10));
        Assert.True(SenmlVersion.IsSupported(26));
        Assert.False(SenmlVersion.IsSupported(11));
        Assert.False(SenmlVersion.IsSupported(0));
        Assert.False(SenmlVersion.IsSupported(42));
    }
}
