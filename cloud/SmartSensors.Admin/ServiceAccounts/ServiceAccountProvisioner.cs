using SmartSensors.Admin.Broker;
using SmartSensors.Admin.Cli;
using SmartSensors.Admin.Files;
using SmartSensors.Contracts;

namespace SmartSensors.Admin.ServiceAccounts;

/// <summary>
/// <c>service-account add</c>: a broker account for a cloud role (<c>svc-ingest</c>, <c>svc-alerts</c>, <c>svc-api</c>, <c>svc-cloud</c>),
/// with a fresh random password written to a 0600 file. What each account may do is in hardware/mosquitto/acl.
/// </summary>
internal sealed class ServiceAccountProvisioner(TextWriter output)
{
    /// <summary>The accounts hardware/mosquitto/acl grants topics to.</summary>
    public static readonly IReadOnlyList<string> KnownAccounts = ["svc-ingest", "svc-alerts", "svc-api", "svc-cloud"];

    public int Add(string? name, string passwordFile, string outputDirectory, bool rotate)
    {
        // Lowercase [a-z0-9-]: never a '/', so a service account can never look like a gateway ({site}/{gateway}).
        if (!Topics.IsValidId(name))
        {
            throw new AdminException(ExitCodes.InvalidInput,
                $"--name '{Printable.Of(name)}' is not a valid account name: 1-64 characters of lowercase a-z, 0-9 and '-' (e.g. svc-ingest).");
        }

        var outDirectory = Path.GetFullPath(outputDirectory);
        var secretPath = Path.Combine(outDirectory, $"{name}.password");
        if (!File.Exists(passwordFile))
        {
            MosquittoPasswordFile.Load(passwordFile);
        }

        using var passwordLock = SecureFile.Lock(passwordFile);
        var passwords = MosquittoPasswordFile.Load(passwordFile);
        var exists = passwords.Contains(name);
        if (exists != rotate)
        {
            throw new AdminException(ExitCodes.Conflict, exists
                ? $"Account {name} already exists in '{passwordFile}'. Nothing was changed. Add --rotate to issue a new password."
                : $"--rotate: account {name} does not exist in '{passwordFile}'. Nothing was changed. Leave out --rotate to add it.");
        }

        if (!rotate && File.Exists(secretPath))
        {
            throw new AdminException(ExitCodes.Conflict, $"'{secretPath}' already exists. Nothing was changed. Use another --out directory or --rotate.");
        }

        Directory.CreateDirectory(outDirectory);
        var password = Secrets.NewPassword();
        SecureFile.WriteAllText(secretPath, password + "\n");
        passwords.Set(name, MosquittoPasswordHash.Create(password));
        passwords.Save();

        output.WriteLine($"{(rotate ? "Rotated the password of" : "Created")} broker account {name} in {passwordFile}; its password is in {secretPath} (mode 0600).");
        if (!KnownAccounts.Contains(name, StringComparer.Ordinal))
        {
            output.WriteLine($"Note: hardware/mosquitto/acl grants topics only to {string.Join(", ", KnownAccounts)}; {name} can log in but will be allowed nothing until you add a 'user {name}' block.");
        }

        output.WriteLine("Next steps:");
        output.WriteLine("  1. Reload the broker: sudo systemctl reload mosquitto");
        output.WriteLine("  2. Give the password to the cloud host through its environment (Mqtt__Username / Mqtt__Password) or a secret store, never a committed file,");
        output.WriteLine($"     then delete {secretPath}.");
        return ExitCodes.Success;
    }
}
