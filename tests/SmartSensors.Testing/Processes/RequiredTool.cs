namespace SmartSensors.Testing.Processes;

/// <summary>Locates an external program the tests need and explains how to install it when missing.</summary>
public static class RequiredTool
{
    /// <summary>Returns the full path of <paramref name="name"/>, looking in the usual Debian locations and on PATH.</summary>
    /// <exception cref="InvalidOperationException">The program is not installed; the message names the Debian package.</exception>
    public static string Find(string name, string debianPackage)
    {
        var candidates = new List<string> { Path.Combine("/usr/sbin", name), Path.Combine("/usr/bin", name), Path.Combine("/usr/local/bin", name) };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        candidates.AddRange(path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)));
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{name}' is not installed. Install the Debian package '{debianPackage}' (sudo apt-get install -y {debianPackage}), " +
            "or run ./test.sh, which installs everything the tests need.");
    }
}
