using System.Globalization;

namespace SmartSensors.Edge.Health;

/// <summary>Reads the SoC temperature from the Linux thermal sysfs (millidegrees Celsius); null where there is none.</summary>
internal sealed class CpuTemperatureReader(string path = CpuTemperatureReader.DefaultPath)
{
    public const string DefaultPath = "/sys/class/thermal/thermal_zone0/temp";

    public double? Read()
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var text = File.ReadAllText(path).Trim();
            return Parse(text);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"48312" → 48.312; null for anything that is not a plausible millidegree value.</summary>
    public static double? Parse(string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milli))
        {
            return null;
        }

        var celsius = milli / 1000.0;
        return celsius is >= -40 and <= 125 ? celsius : null;
    }
}
