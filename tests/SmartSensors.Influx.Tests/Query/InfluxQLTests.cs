using SmartSensors.Influx.Query;

namespace SmartSensors.Influx.Tests.Query;

public sealed class InfluxQLTests
{
    [Theory]
    [InlineData("air_quality", "\"air_quality\"")]
    [InlineData("we\"ird", "\"we\\\"ird\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("sp ace,comma=eq", "\"sp ace,comma=eq\"")]
    public void QuoteIdentifier_SpecialCharacters_AreEscaped(string identifier, string expected) =>
        Assert.Equal(expected, InfluxQL.QuoteIdentifier(identifier));

    [Theory]
    [InlineData("")]
    [InlineData("a\nb")]
    public void QuoteIdentifier_Unquotable_IsRefused(string identifier) =>
        Assert.Throws<ArgumentException>(() => InfluxQL.QuoteIdentifier(identifier));

    [Fact]
    public void Duration_WholeUnits_UseTheLargestUnit()
    {
        Assert.Equal("720h", InfluxQL.Duration(TimeSpan.FromDays(30)));
        Assert.Equal("90m", InfluxQL.Duration(TimeSpan.FromMinutes(90)));
        Assert.Equal("61s", InfluxQL.Duration(TimeSpan.FromSeconds(61)));
        Assert.Throws<ArgumentOutOfRangeException>(() => InfluxQL.Duration(TimeSpan.FromMilliseconds(1500)));
    }

    [Fact]
    public void SerializeParameters_UnsupportedType_IsRefusedNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => InfluxQueryClient.SerializeParameters(new Dictionary<string, object?> { ["p"] = new object() }));
        Assert.Contains("'p'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => InfluxQueryClient.SerializeParameters(new Dictionary<string, object?> { ["nan"] = double.NaN }));
    }
}
