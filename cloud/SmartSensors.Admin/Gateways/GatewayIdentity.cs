using SmartSensors.Admin.Cli;
using SmartSensors.Contracts;

namespace SmartSensors.Admin.Gateways;

/// <summary>
/// A gateway as the broker knows it. Its MQTT user name is <c>{site}/{gateway}</c>: exactly its topic prefix after <c>ss/v1/</c>, so the
/// ACL pattern <c>pattern write ss/v1/%u/readings</c> lets it publish under its own prefix and nowhere else. Ids follow the wire
/// contract (lowercase <c>[a-z0-9-]{1,64}</c>), so a user name can never contain <c>+</c>, <c>#</c>, <c>:</c> or another <c>/</c>.
/// </summary>
internal sealed record GatewayIdentity(string Site, string Gateway)
{
    public string Username => $"{Site}/{Gateway}";

    public string TopicPrefix => $"{Topics.Prefix}/{Site}/{Gateway}/";

    /// <summary>Validates both ids by the contract's rules; the message names the option and the rule.</summary>
    public static GatewayIdentity Create(string? site, string? gateway)
    {
        RequireId("--site", site);
        RequireId("--gateway", gateway);
        return new GatewayIdentity(site!, gateway!);
    }

    /// <summary>Reads a password-file user name back; false for accounts that are not gateways (service accounts).</summary>
    public static bool TryParseUsername(string username, out GatewayIdentity identity)
    {
        identity = null!;
        var slash = username.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var site = username[..slash];
        var gateway = username[(slash + 1)..];
        if (!Topics.IsValidId(site) || !Topics.IsValidId(gateway))
        {
            return false;
        }

        identity = new GatewayIdentity(site, gateway);
        return true;
    }

    public static void RequireId(string option, string? value)
    {
        if (!Topics.IsValidId(value))
        {
            var why = string.IsNullOrEmpty(value) ? "is empty"
                : value.Length > Topics.MaxIdLength ? $"is {value.Length} characters long (at most {Topics.MaxIdLength})"
                : $"'{Printable.Of(value)}' contains characters other than a-z, 0-9 and '-'";
            throw new AdminException(ExitCodes.InvalidInput,
                $"{option} {why}. Ids are 1-{Topics.MaxIdLength} characters of lowercase a-z, 0-9 and '-' (they become MQTT topic levels, so '/', '+', '#' and '..' are never allowed), e.g. queens-square.");
        }
    }

    public override string ToString() => Username;
}
