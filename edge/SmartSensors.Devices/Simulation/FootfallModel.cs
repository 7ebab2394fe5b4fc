namespace SmartSensors.Devices.Simulation;

/// <summary>
/// Pedestrians per minute past a town-centre sensor by time of day: quiet at night, a morning rise, a lunchtime
/// peak (~15/min), an evening peak; Saturdays busier and later, Sundays quieter. 55 % walk "in".
/// </summary>
public static class FootfallModel
{
    public static double RatePerMinute(DateTimeOffset t)
    {
        var h = t.UtcDateTime.TimeOfDay.TotalHours;
        static double Bell(double x, double m, double s) => Math.Exp(-0.5 * Math.Pow((x - m) / s, 2));
        var weekday = 0.3 + (7.0 * Bell(h, 8.5, 1.0)) + (15.0 * Bell(h, 12.75, 1.3)) + (11.0 * Bell(h, 17.5, 1.2)) + (3.0 * Bell(h, 20.0, 1.5));
        return t.UtcDateTime.DayOfWeek switch
        {
            DayOfWeek.Saturday => 0.3 + (20.0 * Bell(h, 14.0, 2.5)),
            DayOfWeek.Sunday => 0.2 + (9.0 * Bell(h, 13.5, 2.5)),
            _ => weekday,
        };
    }

    public const double InboundShare = 0.55;
}
