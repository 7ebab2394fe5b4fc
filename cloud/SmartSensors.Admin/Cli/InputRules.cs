using System.Globalization;

namespace SmartSensors.Admin.Cli;

/// <summary>Checks of command-line values that are not ids; messages name the option.</summary>
internal static class InputRules
{
    public static string BrokerHost(string? host)
    {
        if (string.IsNullOrEmpty(host) || host.Length > 253 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new AdminException(ExitCodes.InvalidInput,
                $"--broker-host '{Printable.Of(host)}' is not a host name or IP address (e.g. mqtt.smartplaces.example.gov.uk; no scheme, port or path).");
        }

        return host;
    }

    public static int Port(int port) =>
        port is >= 1 and <= 65535 ? port : throw new AdminException(ExitCodes.InvalidInput, string.Create(CultureInfo.InvariantCulture, $"--broker-port {port} is not a port (1-65535)."));

    public static string AbsolutePath(string option, string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith('/') || path.Length > 1024 || path.Any(char.IsControl) || path.Split('/').Contains(".."))
        {
            throw new AdminException(ExitCodes.InvalidInput, $"{option} '{Printable.Of(path)}' must be an absolute path on the gateway without '..' (e.g. /etc/smartsensors).");
        }

        return path;
    }

    /// <summary>Both coordinates or neither; finite and within ±<paramref name="limit"/> degrees.</summary>
    public static double? Coordinate(string option, double? value, double? other, double limit)
    {
        if (value is null && other is null)
        {
            return null;
        }

        if (value is null || other is null)
        {
            throw new AdminException(ExitCodes.InvalidInput, "--latitude and --longitude must be given together.");
        }

        if (!double.IsFinite(value.Value) || Math.Abs(value.Value) > limit)
        {
            throw new AdminException(ExitCodes.InvalidInput, string.Create(CultureInfo.InvariantCulture, $"{option} {value} is outside -{limit}..{limit} degrees."));
        }

        return value;
    }
}
