using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace SmartSensors.Edge.Configuration;

/// <summary>Checks <see cref="BrokerOptions"/>: files exist, credentials are complete, TLS is on for any remote broker.</summary>
internal sealed class BrokerOptionsValidator : IValidateOptions<BrokerOptions>
{
    private const string Prefix = "SmartSensors:Broker:";

    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckRange(errors, "Port", options.Port, 1, 65535);
        CheckRange(errors, "KeepAliveSeconds", options.KeepAliveSeconds, 5, 3600);
        CheckRange(errors, "ReadingsPerPack", options.ReadingsPerPack, 1, 1000);
        CheckRange(errors, "MaxPacksInFlight", options.MaxPacksInFlight, 1, 1000);
        if (options.Delivery is not (DeliveryMode.AtLeastOnce or DeliveryMode.ExactlyOnce))
        {
            errors.Add($"{Prefix}Delivery must be AtLeastOnce (QoS 1) or ExactlyOnce (QoS 2) (got '{options.Delivery}').");
        }

        if (options.SessionExpiry < TimeSpan.FromMinutes(1) || options.SessionExpiry > TimeSpan.FromDays(365))
        {
            errors.Add($"{Prefix}SessionExpiry must be between 1 min and 365 days (got {options.SessionExpiry}).");
        }

        if (options.ReplayWindow < TimeSpan.Zero || options.ReplayWindow > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}ReplayWindow must be between 0 (off) and 1 h, and longer than the broker's autosave_interval (got {options.ReplayWindow}).");
        }

        CheckRange(errors, "ReplayWindowBytes", options.ReplayWindowBytes, 1024, 256 * 1024 * 1024);
        var tls = options.Tls ?? new BrokerTlsOptions();
        if (!tls.Enabled && !string.IsNullOrWhiteSpace(options.Host) && !IsLoopback(options.Host))
        {
            errors.Add($"{Prefix}Tls:Enabled must be true for a broker that is not on this machine (host '{options.Host}'): readings and credentials must not cross a network in clear text.");
        }

        CheckFile(errors, "Tls:CaFile", tls.CaFile);
        CheckFile(errors, "Tls:CertificateFile", tls.CertificateFile);
        CheckFile(errors, "Tls:KeyFile", tls.KeyFile);
        if ((tls.CertificateFile is null) != (tls.KeyFile is null))
        {
            errors.Add($"{Prefix}Tls:CertificateFile and {Prefix}Tls:KeyFile must be set together.");
        }

        CheckFile(errors, "PasswordFile", options.PasswordFile);
        var hasPassword = !string.IsNullOrEmpty(options.PasswordFile) || !string.IsNullOrEmpty(options.Password);
        if (hasPassword && string.IsNullOrWhiteSpace(options.Username))
        {
            errors.Add($"{Prefix}Username is required when a password is configured.");
        }

        if (options.ClientId is { Length: > 0 } clientId && !clientId.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add($"{Prefix}ClientId must be letters and digits only (got '{clientId}').");
        }

        if (options.ReconnectMinDelay < TimeSpan.FromMilliseconds(100) || options.ReconnectMinDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Prefix}ReconnectMinDelay must be between 100 ms and 10 min (got {options.ReconnectMinDelay}).");
        }

        if (options.ReconnectMaxDelay < options.ReconnectMinDelay || options.ReconnectMaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}ReconnectMaxDelay must be between ReconnectMinDelay and 1 h (got {options.ReconnectMaxDelay}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static void CheckRange(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{setting} must be between {min} and {max}."));
        }
    }

    private static void CheckFile(List<string> errors, string setting, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            errors.Add($"{Prefix}{setting} names a file that does not exist: '{path}'.");
        }
    }
}
