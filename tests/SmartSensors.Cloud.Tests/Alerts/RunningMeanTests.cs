using SmartSensors.Cloud.Alerts.AirQuality;

namespace SmartSensors.Cloud.Tests.Alerts;

public sealed class RunningMeanTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mean_EighteenOfTwentyFourHours_IsTheMeanOfHourlyMeans()
    {
        var pm25 = RunningMean.For(Pollutant.Pm25);
        for (var hour = 6; hour < 24; hour++)
        {
            // two readings an hour: the hourly mean is hour + 0.5
            pm25.Add(Midnight.AddHours(hour), hour);
            pm25.Add(Midnight.AddHours(hour).AddMinutes(30), hour + 1);
        }

        var mean = pm25.Mean(Midnight.AddHours(23).AddMinutes(59));

        // hourly means 6.5 … 23.5: their mean is 15
        Assert.Equal(15.0, mean);
    }

    [Fact]
    public void Mean_SeventeenOfTwentyFourHours_InsufficientData()
    {
        var pm25 = RunningMean.For(Pollutant.Pm25);
        for (var hour = 7; hour < 24; hour++)
        {
            pm25.Add(Midnight.AddHours(hour), 40);
        }

        Assert.Null(pm25.Mean(Midnight.AddHours(23).AddMinutes(59)));
    }

    [Fact]
    public void Mean_ReadingsOlderThanWindow_DroppedAsTimeMovesOn()
    {
        var no2 = RunningMean.For(Pollutant.No2);
        for (var minute = 0; minute < 60; minute += 5)
        {
            no2.Add(Midnight.AddMinutes(minute), 300);
        }

        Assert.Equal(300.0, no2.Mean(Midnight.AddMinutes(59)));
        // Two hours later none of those readings is in the last hour.
        Assert.Null(no2.Mean(Midnight.AddHours(2)));

        for (var minute = 120; minute < 180; minute += 5)
        {
            no2.Add(Midnight.AddMinutes(minute), 50);
        }

        Assert.Equal(50.0, no2.Mean(Midnight.AddMinutes(179)));
    }

    [Fact]
    public void Add_LateReadingOutsideWindow_Ignored()
    {
        var so2 = RunningMean.For(Pollutant.So2);
        var now = Midnight.AddMinutes(59); // the window is the three 5-minute slots 00:45, 00:50 and 00:55
        so2.Add(now.AddMinutes(-13), 100);
        so2.Add(now.AddMinutes(-8), 100);
        so2.Add(now.AddMinutes(-3), 100);

        so2.Add(now.AddMinutes(-30), 5000); // half an hour late: not part of the 15-minute mean

        Assert.Equal(100.0, so2.Mean(now));
    }

    [Fact]
    public void Add_NotFinite_Ignored()
    {
        var o3 = new RunningMean(TimeSpan.FromHours(1), 1);
        o3.Add(Midnight, double.NaN);

        Assert.Null(o3.Mean(Midnight));
    }
}
