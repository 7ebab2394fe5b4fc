using SmartSensors.Cloud.Alerts.AirQuality;

namespace SmartSensors.Cloud.Tests.Alerts;

public sealed class DaqiTests
{
    // Hand-worked from the DEFRA table (shared/DOMAIN.md §1): at each upper bound the index is that band's,
    // one µg/m³ above it the next. Index 3→4 is Low→Moderate, 6→7 Moderate→High, 9→10 High→Very High.
    [Theory]
    [InlineData(Pollutant.No2, 0, 1)]
    [InlineData(Pollutant.No2, 67, 1)]
    [InlineData(Pollutant.No2, 68, 2)]
    [InlineData(Pollutant.No2, 134, 2)]
    [InlineData(Pollutant.No2, 135, 3)]
    [InlineData(Pollutant.No2, 200, 3)]
    [InlineData(Pollutant.No2, 201, 4)]
    [InlineData(Pollutant.No2, 267, 4)]
    [InlineData(Pollutant.No2, 268, 5)]
    [InlineData(Pollutant.No2, 334, 5)]
    [InlineData(Pollutant.No2, 335, 6)]
    [InlineData(Pollutant.No2, 400, 6)]
    [InlineData(Pollutant.No2, 401, 7)]
    [InlineData(Pollutant.No2, 467, 7)]
    [InlineData(Pollutant.No2, 468, 8)]
    [InlineData(Pollutant.No2, 534, 8)]
    [InlineData(Pollutant.No2, 535, 9)]
    [InlineData(Pollutant.No2, 600, 9)]
    [InlineData(Pollutant.No2, 601, 10)]
    [InlineData(Pollutant.So2, 88, 1)]
    [InlineData(Pollutant.So2, 89, 2)]
    [InlineData(Pollutant.So2, 177, 2)]
    [InlineData(Pollutant.So2, 178, 3)]
    [InlineData(Pollutant.So2, 266, 3)]
    [InlineData(Pollutant.So2, 267, 4)]
    [InlineData(Pollutant.So2, 354, 4)]
    [InlineData(Pollutant.So2, 355, 5)]
    [InlineData(Pollutant.So2, 443, 5)]
    [InlineData(Pollutant.So2, 444, 6)]
    [InlineData(Pollutant.So2, 532, 6)]
    [InlineData(Pollutant.So2, 533, 7)]
    [InlineData(Pollutant.So2, 710, 7)]
    [InlineData(Pollutant.So2, 711, 8)]
    [InlineData(Pollutant.So2, 887, 8)]
    [InlineData(Pollutant.So2, 888, 9)]
    [InlineData(Pollutant.So2, 1064, 9)]
    [InlineData(Pollutant.So2, 1065, 10)]
    [InlineData(Pollutant.O3, 33, 1)]
    [InlineData(Pollutant.O3, 34, 2)]
    [InlineData(Pollutant.O3, 66, 2)]
    [InlineData(Pollutant.O3, 67, 3)]
    [InlineData(Pollutant.O3, 100, 3)]
    [InlineData(Pollutant.O3, 101, 4)]
    [InlineData(Pollutant.O3, 120, 4)]
    [InlineData(Pollutant.O3, 121, 5)]
    [InlineData(Pollutant.O3, 140, 5)]
    [InlineData(Pollutant.O3, 141, 6)]
    [InlineData(Pollutant.O3, 160, 6)]
    [InlineData(Pollutant.O3, 161, 7)]
    [InlineData(Pollutant.O3, 187, 7)]
    [InlineData(Pollutant.O3, 188, 8)]
    [InlineData(Pollutant.O3, 213, 8)]
    [InlineData(Pollutant.O3, 214, 9)]
    [InlineData(Pollutant.O3, 240, 9)]
    [InlineData(Pollutant.O3, 241, 10)]
    [InlineData(Pollutant.Pm25, 11, 1)]
    [InlineData(Pollutant.Pm25, 12, 2)]
    [InlineData(Pollutant.Pm25, 23, 2)]
    [InlineData(Pollutant.Pm25, 24, 3)]
    [InlineData(Pollutant.Pm25, 35, 3)]
    [InlineData(Pollutant.Pm25, 36, 4)]
    [InlineData(Pollutant.Pm25, 41, 4)]
    [InlineData(Pollutant.Pm25, 42, 5)]
    [InlineData(Pollutant.Pm25, 47, 5)]
    [InlineData(Pollutant.Pm25, 48, 6)]
    [InlineData(Pollutant.Pm25, 53, 6)]
    [InlineData(Pollutant.Pm25, 54, 7)]
    [InlineData(Pollutant.Pm25, 58, 7)]
    [InlineData(Pollutant.Pm25, 59, 8)]
    [InlineData(Pollutant.Pm25, 64, 8)]
    [InlineData(Pollutant.Pm25, 65, 9)]
    [InlineData(Pollutant.Pm25, 70, 9)]
    [InlineData(Pollutant.Pm25, 71, 10)]
    [InlineData(Pollutant.Pm10, 16, 1)]
    [InlineData(Pollutant.Pm10, 17, 2)]
    [InlineData(Pollutant.Pm10, 33, 2)]
    [InlineData(Pollutant.Pm10, 34, 3)]
    [InlineData(Pollutant.Pm10, 50, 3)]
    [InlineData(Pollutant.Pm10, 51, 4)]
    [InlineData(Pollutant.Pm10, 58, 4)]
    [InlineData(Pollutant.Pm10, 59, 5)]
    [InlineData(Pollutant.Pm10, 66, 5)]
    [InlineData(Pollutant.Pm10, 67, 6)]
    [InlineData(Pollutant.Pm10, 75, 6)]
    [InlineData(Pollutant.Pm10, 76, 7)]
    [InlineData(Pollutant.Pm10, 83, 7)]
    [InlineData(Pollutant.Pm10, 84, 8)]
    [InlineData(Pollutant.Pm10, 91, 8)]
    [InlineData(Pollutant.Pm10, 92, 9)]
    [InlineData(Pollutant.Pm10, 100, 9)]
    [InlineData(Pollutant.Pm10, 101, 10)]
    public void Index_AtAndJustAboveEachBandBoundary_ExpectedIndex(object pollutant, double concentration, int expected)
    {
        Assert.Equal(expected, Daqi.Index((Pollutant)pollutant, concentration));
    }

    [Theory]
    [InlineData(11.49, 1)] // rounds to 11: still index 1
    [InlineData(11.5, 2)]  // rounds to 12: index 2
    [InlineData(35.4, 3)]
    [InlineData(35.5, 4)]  // rounds to 36: Moderate
    public void Index_FractionalConcentration_RoundedToWholeNumberBeforeBanding(double pm25, int expected)
    {
        Assert.Equal(expected, Daqi.Index(Pollutant.Pm25, pm25));
    }

    [Theory]
    [InlineData(1, DaqiBand.Low)]
    [InlineData(3, DaqiBand.Low)]
    [InlineData(4, DaqiBand.Moderate)]
    [InlineData(6, DaqiBand.Moderate)]
    [InlineData(7, DaqiBand.High)]
    [InlineData(9, DaqiBand.High)]
    [InlineData(10, DaqiBand.VeryHigh)]
    public void Band_EachIndex_DefraBand(int index, object expected)
    {
        Assert.Equal((DaqiBand)expected, Daqi.Band(index));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1)]
    public void Index_NotAConcentration_Refused(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Daqi.Index(Pollutant.Pm10, value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Band_OutsideOneToTen_Refused(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Daqi.Band(index));
    }
}
