using System.CommandLine;
using SmartSensors.Admin.ApiKeys;
using SmartSensors.Admin.Gateways;
using SmartSensors.Admin.ServiceAccounts;

namespace SmartSensors.Admin.Cli;

/// <summary>The <c>smartsensors-admin</c> command tree (System.CommandLine 2.0). Output and errors go to the given writers.</summary>
internal sealed class AdminCommandLine
{
    public const string DefaultPasswordFile = "/etc/mosquitto/passwd";
    public const string DefaultAclFile = "/etc/mosquitto/acl";

    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public AdminCommandLine(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
        Root = new RootCommand(
            "smartsensors-admin: provisioning for SmartSensors operators. Gives each gateway its own broker account (random password, " +
            "confined by the broker ACL to its own ss/v1/{site}/{gateway}/ topics) and its configuration file; creates cloud service " +
            "accounts and API keys. No default or shared passwords: every secret is generated here and shown or written once. " +
            "Exit codes: 0 done, 1 invalid input, 2 refused because of what exists (nothing changed), 3 file error.");
        Root.Subcommands.Add(GatewayCommand());
        Root.Subcommands.Add(ServiceAccountCommand());
        Root.Subcommands.Add(ApiKeyCommand());
    }

    public RootCommand Root { get; }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var commandLine = new AdminCommandLine(output, error);
        return commandLine.Root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private Command GatewayCommand()
    {
        var gateway = new Command("gateway", "Add, remove or list gateways: their broker accounts and configuration files.");
        gateway.Subcommands.Add(GatewayAddCommand());
        gateway.Subcommands.Add(GatewayRemoveCommand());
        gateway.Subcommands.Add(GatewayListCommand());
        return gateway;
    }

    private Command GatewayAddCommand()
    {
        var site = SiteOption();
        var gatewayId = GatewayOption();
        var host = new Option<string>("--broker-host") { Description = "The broker's DNS name or IP address as the gateway reaches it; must match the broker certificate.", Required = true };
        var port = new Option<int>("--broker-port") { Description = "The broker's TLS port.", DefaultValueFactory = _ => 8883 };
        var output = new Option<string>("--out") { Description = "Directory for the gateway's files (gateway.json, broker-password, ca.pem); created with mode 0700, files 0600.", Required = true };
        var passwordFile = PasswordFileOption();
        var aclFile = new Option<string>("--acl-file") { Description = "The mosquitto acl_file; the gateway rules are added if missing.", DefaultValueFactory = _ => DefaultAclFile };
        var caFile = new Option<string?>("--ca-file") { Description = "PEM CA certificate that signed the broker's certificate, copied as ca.pem (default: the gateway's system trust store)." };
        var installDir = new Option<string>("--install-dir") { Description = "Where the files will live on the gateway; paths in gateway.json point there.", DefaultValueFactory = _ => GatewayConfigFile.DefaultInstallDirectory };
        var template = new Option<string?>("--template") { Description = "A gateway configuration to start from (its sensors, outbox and tuning are kept; identity, broker and location replaced), e.g. edge/SmartSensors.Edge/examples/flowerbed.json." };
        var outbox = new Option<string?>("--outbox-path") { Description = $"SQLite outbox on the gateway (default: the template's, else {GatewayConfigFile.DefaultOutboxPath})." };
        var latitude = new Option<double?>("--latitude") { Description = "Installation latitude, WGS84 degrees (with --longitude)." };
        var longitude = new Option<double?>("--longitude") { Description = "Installation longitude, WGS84 degrees (with --latitude)." };
        var rotate = new Option<bool>("--rotate") { Description = "Replace the credentials of a gateway that already has them (issues a new password)." };

        var command = new Command("add",
            "Provision a gateway: create its broker account {site}/{gateway} with a new random password (mosquitto $7$ PBKDF2-SHA512 hash " +
            "in --password-file), make sure the ACL confines gateways to their own prefix, and write the gateway's gateway.json and " +
            "broker-password (mode 0600) to --out. Refuses if the gateway already has credentials, unless --rotate.")
        {
            site, gatewayId, host, port, output, passwordFile, aclFile, caFile, installDir, template, outbox, latitude, longitude, rotate,
        };
        command.SetAction(parse => Guard(() =>
        {
            var identity = GatewayIdentity.Create(parse.GetValue(site), parse.GetValue(gatewayId));
            var request = new GatewayAddRequest
            {
                Config = new GatewayConfigRequest
                {
                    Identity = identity,
                    BrokerHost = InputRules.BrokerHost(parse.GetValue(host)),
                    BrokerPort = InputRules.Port(parse.GetValue(port)),
                    InstallDirectory = InputRules.AbsolutePath("--install-dir", parse.GetValue(installDir)),
                    HasCaFile = parse.GetValue(caFile) is not null,
                    TemplateFile = parse.GetValue(template),
                    OutboxPath = parse.GetValue(outbox) is { } o ? InputRules.AbsolutePath("--outbox-path", o) : null,
                    Latitude = InputRules.Coordinate("--latitude", parse.GetValue(latitude), parse.GetValue(longitude), 90),
                    Longitude = InputRules.Coordinate("--longitude", parse.GetValue(longitude), parse.GetValue(latitude), 180),
                },
                OutputDirectory = parse.GetValue(output)!,
                PasswordFile = parse.GetValue(passwordFile)!,
                AclFile = parse.GetValue(aclFile)!,
                CaFile = parse.GetValue(caFile),
                Rotate = parse.GetValue(rotate),
            };
            return new GatewayProvisioner(_output).Add(request);
        }));
        return command;
    }

    private Command GatewayRemoveCommand()
    {
        var site = SiteOption();
        var gatewayId = GatewayOption();
        var passwordFile = PasswordFileOption();
        var command = new Command("remove", "Remove a gateway's broker account. After the broker reloads, the gateway is disconnected and cannot log in again.")
        {
            site, gatewayId, passwordFile,
        };
        command.SetAction(parse => Guard(() =>
            new GatewayProvisioner(_output).Remove(GatewayIdentity.Create(parse.GetValue(site), parse.GetValue(gatewayId)), parse.GetValue(passwordFile)!)));
        return command;
    }

    private Command GatewayListCommand()
    {
        var passwordFile = PasswordFileOption();
        var command = new Command("list", "List the gateways that have broker accounts (site and gateway id), and count the other accounts.") { passwordFile };
        command.SetAction(parse => Guard(() => new GatewayProvisioner(_output).List(parse.GetValue(passwordFile)!)));
        return command;
    }

    private Command ServiceAccountCommand()
    {
        var name = new Option<string>("--name") { Description = $"Account name; the ACL template grants topics to {string.Join(", ", ServiceAccountProvisioner.KnownAccounts)}.", Required = true };
        var passwordFile = PasswordFileOption();
        var output = new Option<string>("--out") { Description = "Directory for the {name}.password file (mode 0600).", Required = true };
        var rotate = new Option<bool>("--rotate") { Description = "Replace the password of an existing account." };
        var add = new Command("add", "Create a broker account for a cloud role with a new random password.") { name, passwordFile, output, rotate };
        add.SetAction(parse => Guard(() =>
            new ServiceAccountProvisioner(_output).Add(parse.GetValue(name), parse.GetValue(passwordFile)!, parse.GetValue(output)!, parse.GetValue(rotate))));
        var command = new Command("service-account", "Broker accounts for the cloud roles (ingest, alerts, api).");
        command.Subcommands.Add(add);
        return command;
    }

    private Command ApiKeyCommand()
    {
        var name = new Option<string>("--name") { Description = "Who the key is for (shown as the caller's name), e.g. flood-dashboard.", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = $"A role of the key; repeat for several: {string.Join(", ", ApiKeyIssuer.Roles)}.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var index = new Option<int>("--index") { Description = "Position N in Api:Auth:ApiKeys:N (the next free one).", DefaultValueFactory = _ => 0 };
        var create = new Command("create",
            "Create an API key (ssk_ + 32 random bytes, base64url). The key is printed once; the configuration lines to add to the cloud " +
            "host carry only its SHA-256.")
        {
            name, roles, index,
        };
        create.SetAction(parse => Guard(() => new ApiKeyIssuer(_output).Create(parse.GetValue(name), parse.GetValue(roles) ?? [], parse.GetValue(index))));
        var command = new Command("api-key", "API keys for machines calling the staff API.");
        command.Subcommands.Add(create);
        return command;
    }

    private static Option<string> SiteOption() =>
        new("--site") { Description = "Site id: 1-64 characters of a-z, 0-9 and '-', e.g. queens-square.", Required = true };

    private static Option<string> GatewayOption() =>
        new("--gateway") { Description = "Gateway id: 1-64 characters of a-z, 0-9 and '-', e.g. bed-gw-14.", Required = true };

    private static Option<string> PasswordFileOption() =>
        new("--password-file") { Description = "The mosquitto password_file (edited in place; the previous version kept as .bak).", DefaultValueFactory = _ => DefaultPasswordFile };

    private int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (AdminException ex)
        {
            _error.WriteLine($"smartsensors-admin: {ex.Message}");
            return ex.ExitCode;
        }
    }
}
