using SmartSensors.Admin.Broker;
using SmartSensors.Admin.Cli;
using SmartSensors.Admin.Files;

namespace SmartSensors.Admin.Gateways;

/// <summary>
/// <c>gateway add | remove | list</c>: a gateway's broker account (in mosquitto's password file), the ACL rules that confine it
/// to its own prefix, and the files that go onto the gateway. Every check is made before anything is written.
/// </summary>
internal sealed class GatewayProvisioner(TextWriter output)
{
    public int Add(GatewayAddRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var identity = request.Config.Identity;
        var outDirectory = Path.GetFullPath(request.OutputDirectory);
        var configPath = Path.Combine(outDirectory, GatewayConfigFile.FileName);
        var passwordPath = Path.Combine(outDirectory, GatewayConfigFile.PasswordFileName);
        var caPath = Path.Combine(outDirectory, GatewayConfigFile.CaFileName);
        if (request.CaFile is not null && !File.Exists(request.CaFile))
        {
            throw new AdminException(ExitCodes.FileError, $"--ca-file '{request.CaFile}' does not exist.");
        }

        // Build the configuration first: a bad template is refused before any credential exists.
        var (json, hasSensors) = GatewayConfigFile.Build(request.Config);

        using var passwordLock = LockExisting(request.PasswordFile);
        var passwords = MosquittoPasswordFile.Load(request.PasswordFile);
        var exists = passwords.Contains(identity.Username);
        if (exists && !request.Rotate)
        {
            throw new AdminException(ExitCodes.Conflict,
                $"Gateway {identity} already has broker credentials in '{request.PasswordFile}'. Nothing was changed. To issue a new password (the old one stops working at the next broker reload) add --rotate.");
        }

        if (!exists && request.Rotate)
        {
            throw new AdminException(ExitCodes.Conflict, $"--rotate: gateway {identity} has no credentials in '{request.PasswordFile}' to rotate. Nothing was changed. Leave out --rotate to add it.");
        }

        if (!request.Rotate && (File.Exists(passwordPath) || File.Exists(configPath)))
        {
            throw new AdminException(ExitCodes.Conflict,
                $"'{outDirectory}' already holds a gateway's files ({GatewayConfigFile.FileName} / {GatewayConfigFile.PasswordFileName}). Nothing was changed. Use an empty --out directory per gateway, or --rotate to replace them.");
        }

        Directory.CreateDirectory(outDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(outDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var aclAdded = MosquittoAclFile.EnsureGatewayRules(request.AclFile);
        var password = Secrets.NewPassword();
        SecureFile.WriteAllText(passwordPath, password + "\n");
        SecureFile.WriteAllText(configPath, json);
        if (request.CaFile is not null)
        {
            // Public, but kept with the rest so the directory can be installed in one step.
            SecureFile.WriteAllText(caPath, File.ReadAllText(request.CaFile));
        }

        passwords.Set(identity.Username, MosquittoPasswordHash.Create(password));
        passwords.Save();

        var verb = request.Rotate ? "Rotated the broker password of" : "Provisioned";
        output.WriteLine($"{verb} gateway {identity.Gateway} at site {identity.Site}.");
        output.WriteLine($"  broker account   {identity.Username} in {request.PasswordFile} (PBKDF2-SHA512 hash; the password is not stored there)");
        output.WriteLine(aclAdded.Count == 0
            ? $"  broker ACL       {request.AclFile} already confines gateways to their own prefix; it may publish only under {identity.TopicPrefix}"
            : $"  broker ACL       added {aclAdded.Count} gateway rule(s) to {request.AclFile}; it may publish only under {identity.TopicPrefix}");
        output.WriteLine($"  gateway files    {outDirectory}/ (mode 0600, for the gateway only):");
        output.WriteLine($"                     {GatewayConfigFile.FileName}      broker {request.Config.BrokerHost}:{request.Config.BrokerPort} over TLS, user {identity.Username}");
        output.WriteLine($"                     {GatewayConfigFile.PasswordFileName}  the new random password (256 bits)");
        if (request.CaFile is not null)
        {
            output.WriteLine($"                     {GatewayConfigFile.CaFileName}          the CA that signed the broker's certificate");
        }

        var install = request.Config.InstallDirectory.TrimEnd('/');
        output.WriteLine();
        output.WriteLine("Next steps:");
        var step = 1;
        if (!hasSensors)
        {
            output.WriteLine($"  {step++}. Add the gateway's sensors to {GatewayConfigFile.FileName} (SmartSensors:Sensors, see edge/SmartSensors.Edge/examples/); it will not start without at least one. Or run again with --rotate --template <example>.");
        }

        output.WriteLine($"  {step++}. Reload the broker so it reads the new password: sudo systemctl reload mosquitto");
        output.WriteLine($"  {step++}. Copy the files to the gateway over SSH and install them readable only by the service:");
        output.WriteLine($"       sudo install -o root -g smartsensors -m 0640 {GatewayConfigFile.FileName} {GatewayConfigFile.PasswordFileName}{(request.CaFile is null ? "" : " " + GatewayConfigFile.CaFileName)} {install}/");
        output.WriteLine($"       echo 'SMARTSENSORS_CONFIG={install}/{GatewayConfigFile.FileName}' | sudo tee -a {install}/edge.env");
        output.WriteLine($"  {step++}. Restart the gateway (sudo systemctl restart smartsensors-edge), check it with journalctl -u smartsensors-edge,");
        output.WriteLine($"     then delete {outDirectory} from this machine: the password exists nowhere else.");
        return ExitCodes.Success;
    }

    public int Remove(GatewayIdentity identity, string passwordFile)
    {
        using var passwordLock = LockExisting(passwordFile);
        var passwords = MosquittoPasswordFile.Load(passwordFile);
        if (!passwords.Remove(identity.Username))
        {
            throw new AdminException(ExitCodes.Conflict, $"Gateway {identity} has no credentials in '{passwordFile}'. Nothing was changed. See: smartsensors-admin gateway list");
        }

        passwords.Save();
        output.WriteLine($"Removed the broker account of gateway {identity.Gateway} at site {identity.Site} from {passwordFile}.");
        output.WriteLine("Next steps:");
        output.WriteLine("  1. Reload the broker: sudo systemctl reload mosquitto (a connected gateway is disconnected at the reload and cannot log in again).");
        output.WriteLine($"  2. Its last retained status ({identity.TopicPrefix}status) stays on the broker, so the cloud keeps showing the gateway (offline); no account may clear it by default (hardware/mosquitto/acl).");
        output.WriteLine("  3. Wipe /etc/smartsensors on the gateway if it is being retired or reused.");
        return ExitCodes.Success;
    }

    public int List(string passwordFile)
    {
        var passwords = MosquittoPasswordFile.Load(passwordFile);
        var gateways = new List<GatewayIdentity>();
        var others = new List<string>();
        foreach (var user in passwords.Users)
        {
            if (GatewayIdentity.TryParseUsername(user, out var identity))
            {
                gateways.Add(identity);
            }
            else
            {
                others.Add(user);
            }
        }

        if (gateways.Count == 0)
        {
            output.WriteLine($"No gateways in {passwordFile}.");
        }
        else
        {
            var siteWidth = Math.Max(4, gateways.Max(g => g.Site.Length));
            output.WriteLine($"{"site".PadRight(siteWidth)}  gateway");
            foreach (var gateway in gateways.OrderBy(g => g.Site, StringComparer.Ordinal).ThenBy(g => g.Gateway, StringComparer.Ordinal))
            {
                output.WriteLine($"{gateway.Site.PadRight(siteWidth)}  {gateway.Gateway}");
            }
        }

        output.WriteLine($"{gateways.Count} gateway(s); {others.Count} other account(s){(others.Count == 0 ? "" : ": " + string.Join(", ", others.Select(Printable.Of)))}.");
        return ExitCodes.Success;
    }

    private static FileStream LockExisting(string passwordFile)
    {
        if (!File.Exists(passwordFile))
        {
            MosquittoPasswordFile.Load(passwordFile); // throws the "does not exist" message
        }

        return SecureFile.Lock(passwordFile);
    }
}
