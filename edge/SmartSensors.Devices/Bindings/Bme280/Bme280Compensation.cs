namespace SmartSensors.Devices.Bindings.Bme280;

/// <summary>
/// The datasheet's double-precision compensation formulas (BST-BME280-DS002 section 8.1; BMP280 section 8.1 has
/// the same T and P). Pure functions. Worked example (BMP280 datasheet 3.12): adc_T 519888, adc_P 415148 →
/// t_fine 128422, 25.08 °C, 100653.27 Pa.
/// </summary>
public static class Bme280Compensation
{
    /// <summary>Temperature in °C, and t_fine for the pressure and humidity formulas.</summary>
    public static double Temperature(int adcT, Bme280Calibration c, out int tFine)
    {
        ArgumentNullException.ThrowIfNull(c);
        var var1 = ((adcT / 16384.0) - (c.T1 / 1024.0)) * c.T2;
        var d = (adcT / 131072.0) - (c.T1 / 8192.0);
        var var2 = d * d * c.T3;
        tFine = (int)(var1 + var2);
        return (var1 + var2) / 5120.0;
    }

    /// <summary>Pressure in Pa (0 if the calibration would divide by zero).</summary>
    public static double Pressure(int adcP, int tFine, Bme280Calibration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var var1 = (tFine / 2.0) - 64000.0;
        var var2 = var1 * var1 * c.P6 / 32768.0;
        var2 += var1 * c.P5 * 2.0;
        var2 = (var2 / 4.0) + (c.P4 * 65536.0);
        var1 = ((c.P3 * var1 * var1 / 524288.0) + (c.P2 * var1)) / 524288.0;
        var1 = (1.0 + (var1 / 32768.0)) * c.P1;
        if (var1 == 0.0)
        {
            return 0;
        }

        var p = 1048576.0 - adcP;
        p = (p - (var2 / 4096.0)) * 6250.0 / var1;
        var1 = c.P9 * p * p / 2147483648.0;
        var2 = p * c.P8 / 32768.0;
        return p + ((var1 + var2 + c.P7) / 16.0);
    }

    /// <summary>Relative humidity in %, clamped to 0-100 as the datasheet does.</summary>
    public static double Humidity(int adcH, int tFine, Bme280Calibration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var h = tFine - 76800.0;
        h = (adcH - ((c.H4 * 64.0) + (c.H5 / 16384.0 * h))) *
            (c.H2 / 65536.0 * (1.0 + (c.H6 / 67108864.0 * h * (1.0 + (c.H3 / 67108864.0 * h)))));
        h *= 1.0 - (c.H1 * h / 524288.0);
        return Math.Clamp(h, 0.0, 100.0);
    }
}
