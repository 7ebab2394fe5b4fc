using System.Globalization;

namespace SmartSensors.Benchmarks.Fleet;

/// <summary>CPU time and peak resident memory of a process, from /proc (Linux).</summary>
internal static class ProcStat
{
    /// <summary>User + system seconds used so far (0 when the process is gone).</summary>
    public static double CpuSeconds(int? pid)
    {
        if (pid is not { } id)
        {
            return 0;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of /proc/pid/stat (11 and 12 counting from the state field), in clock ticks (100/s).
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>A "VmHWM"/"VmRSS"-style line of /proc/pid/status in bytes (0 when unavailable).</summary>
    public static long StatusBytes(int? pid, string key)
    {
        if (pid is not { } id)
        {
            return 0;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{id}/status"))
            {
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    var kb = line[(key.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }

        return 0;
    }

    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(" ", parts.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
