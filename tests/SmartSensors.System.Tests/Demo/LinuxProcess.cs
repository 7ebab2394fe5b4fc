using System.Globalization;

namespace SmartSensors.System.Tests.Demo;

/// <summary>A process as /proc/{pid}/stat describes it: id, command name and start time (clock ticks since boot), so
/// that a pid the kernel has since reused is not mistaken for the same process.</summary>
internal sealed record LinuxProcess(int Pid, string Name, long StartTime)
{
    /// <summary>The process and its parent's pid, or null when it has gone (or is a zombie).</summary>
    public static (LinuxProcess Process, int Parent)? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        //  priority nice threads itrealvalue starttime ..."; comm may itself hold spaces and parentheses.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] == "Z" || fields[0] == "X")
        {
            return null;
        }

        return (new LinuxProcess(pid, stat[(open + 1)..close], long.Parse(fields[19], CultureInfo.InvariantCulture)),
            int.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Whether this very process (same pid and start time) is still alive.</summary>
    public bool IsStillRunning() => Read(Pid) is { } now && now.Process.StartTime == StartTime;
}
