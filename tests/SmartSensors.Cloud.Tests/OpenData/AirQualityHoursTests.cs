using SmartSensors.Cloud.Alerts.AirQuality;
using SmartSensors.Cloud.OpenData;

namespace SmartSensors.Cloud.Tests.OpenData;

public sealed class AirQualityHoursTests
{
    private static readonly DateTimeOffset Day = new(2025, 6, 10, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int hour, int minute = 0) => Day.AddHours(hour).AddMinutes(minute);

    [Fact]
    public void Rows_QuartersOfOneHour_HourlyMeanOfAllReadings()
    {
        // 3 readings summing 30 in the first quarter, 1 reading of 50 in the third: mean 80 / 4 = 20, not (10 + 50) / 2.
        var rows = AirQualityHours.Rows(
            [new(At(10, 0), Pollutant.No2, 30, 3), new(At(10, 30), Pollutant.No2, 50, 1)],
            At(10), At(11));

        var row = Assert.Single(rows);
        Assert.Equal(At(10), row.Start);
        Assert.Equal(20, row.No2);
        Assert.Equal(1, row.DaqiIndex);
        Assert.Equal("Low", row.DaqiBand);
        Assert.Equal("no2", row.DaqiPollutant);
    }

    [Fact]
    public void Rows_HoursWithoutReadings_Omitted()
    {
        var rows = AirQualityHours.Rows([new(At(12, 15), Pollutant.O3, 40, 1)], At(10), At(14));

        Assert.Equal(At(12), Assert.Single(rows).Start);
    }

    [Fact]
    public void Rows_Pm25WithFewerThan18Of24Hours_NoPmIndex()
    {
        var samples = Enumerable.Range(0, 17).Select(h => new QuarterSample(At(h), Pollutant.Pm25, 60, 1)).ToList();

        var last = AirQualityHours.Rows(samples, At(16), At(17)).Single();

        Assert.Equal(60, last.Pm25);
        Assert.Null(last.DaqiIndex);
        Assert.Null(last.DaqiBand);
    }

    [Fact]
    public void Rows_Pm25With18Of24Hours_IndexFromTheRunningMean()
    {
        // 18 hourly means of 60 µg/m³ → running mean 60 → index 8 (58 < 60 ≤ 64), High.
        var samples = Enumerable.Range(0, 18).Select(h => new QuarterSample(At(h), Pollutant.Pm25, 120, 2)).ToList();

        var last = AirQualityHours.Rows(samples, At(17), At(18)).Single();

        Assert.Equal(8, last.DaqiIndex);
        Assert.Equal("High", last.DaqiBand);
        Assert.Equal("pm2_5", last.DaqiPollutant);
    }

    [Fact]
    public void Rows_So2_IndexFromTheHighest15MinuteMean()
    {
        // Quarter means 50 and 300: the hourly mean is 175 (index 2), the highest 15-minute mean 300 (index 4).
        var row = AirQualityHours.Rows(
            [new(At(9, 0), Pollutant.So2, 50, 1), new(At(9, 45), Pollutant.So2, 300, 1)],
            At(9), At(10)).Single();

        Assert.Equal(175, row.So2);
        Assert.Equal(4, row.DaqiIndex);
        Assert.Equal("Moderate", row.DaqiBand);
        Assert.Equal("so2", row.DaqiPollutant);
    }

    [Fact]
    public void Rows_SeveralPollutants_HighestSubIndexWins()
    {
        var row = AirQualityHours.Rows(
            [new(At(9), Pollutant.No2, 610, 1), new(At(9), Pollutant.So2, 10, 1)],
            At(9), At(10)).Single();

        Assert.Equal(10, row.DaqiIndex);
        Assert.Equal("Very High", row.DaqiBand);
        Assert.Equal("no2", row.DaqiPollutant);
    }
}
