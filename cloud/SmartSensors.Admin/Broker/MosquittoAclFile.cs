using System.Text;
using SmartSensors.Admin.Cli;

namespace SmartSensors.Admin.Broker;

/// <summary>
/// The gateway rules of the mosquitto <c>acl_file</c>. They are patterns on the user name (<c>{site}/{gateway}</c>), so one set of
/// rules serves every gateway: provisioning a gateway needs no per-gateway ACL entry, only these rules being present (see
/// hardware/mosquitto/acl). <see cref="EnsureGatewayRules"/> adds any that are missing and changes nothing otherwise.
/// </summary>
internal static class MosquittoAclFile
{
    /// <summary>What a gateway may do: publish readings and its retained status (and will), read its own remote configuration.</summary>
    public static readonly IReadOnlyList<string> GatewayRules =
    [
        "pattern write ss/v1/%u/readings",
        "pattern write ss/v1/%u/status",
        "pattern read ss/v1/%u/config",
    ];

    private const long MaxBytes = 4L * 1024 * 1024;

    /// <summary>Returns the rules that were missing and have been appended (empty: the file already had them all).</summary>
    public static IReadOnlyList<string> EnsureGatewayRules(string path)
    {
        if (!File.Exists(path))
        {
            throw new AdminException(ExitCodes.FileError,
                $"The mosquitto ACL file '{path}' does not exist. Install hardware/mosquitto/acl there first (sudo install -m 0640 -o root -g mosquitto acl {path}).");
        }

        try
        {
            if (new FileInfo(path).Length > MaxBytes)
            {
                throw new AdminException(ExitCodes.FileError, $"The mosquitto ACL file '{path}' is larger than {MaxBytes / (1024 * 1024)} MiB; is it the right file?");
            }

            var text = File.ReadAllText(path, Encoding.UTF8);
            var present = text.Split('\n').Select(Normalise).ToHashSet(StringComparer.Ordinal);
            var missing = GatewayRules.Where(r => !present.Contains(Normalise(r))).ToList();
            if (missing.Count == 0)
            {
                return missing;
            }

            var added = new StringBuilder(text);
            if (text.Length > 0 && !text.EndsWith('\n'))
            {
                added.Append('\n');
            }

            added.Append("\n# Gateways (user name {site}/{gateway}): only under their own ss/v1/{site}/{gateway}/ prefix. Added by smartsensors-admin.\n");
            foreach (var rule in missing)
            {
                added.Append(rule).Append('\n');
            }

            Files.SecureFile.Rewrite(path, added.ToString());
            return missing;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AdminException(ExitCodes.FileError, $"Cannot read or write the mosquitto ACL file '{path}': permission denied (run with sudo?).", ex);
        }
        catch (IOException ex)
        {
            throw new AdminException(ExitCodes.FileError, $"Cannot read or write the mosquitto ACL file '{path}': {ex.Message}", ex);
        }
    }

    private static string Normalise(string line) =>
        string.Join(' ', line.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
