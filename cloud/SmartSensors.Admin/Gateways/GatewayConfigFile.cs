using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartSensors.Admin.Cli;

namespace SmartSensors.Admin.Gateways;

/// <summary>
/// Builds the gateway's own configuration file (read by smartsensors-edge with <c>--config</c> or <c>SMARTSENSORS_CONFIG</c>):
/// <c>SmartSensors:Gateway</c> (id, site), <c>SmartSensors:Broker</c> (host, port, TLS on, user name, password file) and, from an
/// optional template, the sensors, outbox and tuning. The password itself is never in this file: it is in <c>broker-password</c>,
/// which <c>SmartSensors:Broker:PasswordFile</c> names.
/// </summary>
internal static class GatewayConfigFile
{
    public const string FileName = "gateway.json";
    public const string PasswordFileName = "broker-password";
    public const string CaFileName = "ca.pem";
    public const string DefaultInstallDirectory = "/etc/smartsensors";

    /// <summary>The systemd unit's StateDirectory (hardware/systemd/smartsensors-edge.service).</summary>
    public const string DefaultOutboxPath = "/var/lib/smartsensors-edge/outbox.db";

    private const long MaxTemplateBytes = 1024 * 1024;
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 32 };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>True when the result has a sensor list (without one the gateway refuses to start).</summary>
    public static (string Json, bool HasSensors) Build(GatewayConfigRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = request.TemplateFile is null ? new JsonObject(NodeOptions) : LoadTemplate(request.TemplateFile);
        var smartSensors = ChildObject(root, "SmartSensors");

        var gateway = ChildObject(smartSensors, "Gateway");
        gateway["Id"] = request.Identity.Gateway;
        gateway["Site"] = request.Identity.Site;
        gateway.Remove("Location"); // the template's location is another gateway's
        if (request.Latitude is { } latitude && request.Longitude is { } longitude)
        {
            gateway["Location"] = new JsonObject { ["Latitude"] = latitude, ["Longitude"] = longitude };
        }

        var broker = ChildObject(smartSensors, "Broker");
        foreach (var secret in new[] { "Password", "ClientId" })
        {
            broker.Remove(secret);
        }

        broker["Host"] = request.BrokerHost;
        broker["Port"] = request.BrokerPort;
        broker["Username"] = request.Identity.Username;
        broker["PasswordFile"] = UnixPath(request.InstallDirectory, PasswordFileName);
        var tls = new JsonObject { ["Enabled"] = true };
        if (request.HasCaFile)
        {
            tls["CaFile"] = UnixPath(request.InstallDirectory, CaFileName);
        }

        broker.Remove("Tls"); // a template's client certificate belongs to another gateway
        broker["Tls"] = tls;

        var outbox = ChildObject(smartSensors, "Outbox");
        if (request.OutboxPath is not null || outbox["Path"] is null)
        {
            outbox["Path"] = request.OutboxPath ?? DefaultOutboxPath;
        }

        var hasSensors = smartSensors["Sensors"] is JsonArray { Count: > 0 };
        return (root.ToJsonString(WriteOptions) + "\n", hasSensors);
    }

    private static string UnixPath(string directory, string file) => directory.TrimEnd('/') + "/" + file;

    private static JsonObject LoadTemplate(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new AdminException(ExitCodes.FileError, $"--template '{path}' does not exist.");
            }

            if (info.Length > MaxTemplateBytes)
            {
                throw new AdminException(ExitCodes.InvalidInput, $"--template '{path}' is larger than 1 MiB; it should be a gateway configuration such as edge/SmartSensors.Edge/examples/flowerbed.json.");
            }

            var node = JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8), NodeOptions, DocumentOptions);
            return node as JsonObject
                ?? throw new AdminException(ExitCodes.InvalidInput, $"--template '{path}' is not a JSON object; it should be a gateway configuration such as edge/SmartSensors.Edge/examples/flowerbed.json.");
        }
        catch (JsonException ex)
        {
            throw new AdminException(ExitCodes.InvalidInput, $"--template '{path}' is not valid JSON: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AdminException(ExitCodes.FileError, $"Cannot read --template '{path}': permission denied.", ex);
        }
        catch (IOException ex)
        {
            throw new AdminException(ExitCodes.FileError, $"Cannot read --template '{path}': {ex.Message}", ex);
        }
    }

    private static JsonObject ChildObject(JsonObject parent, string name)
    {
        switch (parent[name])
        {
            case JsonObject existing:
                return existing;
            case null:
                var created = new JsonObject(NodeOptions);
                parent[name] = created;
                return created;
            default:
                throw new AdminException(ExitCodes.InvalidInput, $"--template: '{name}' must be a JSON object.");
        }
    }
}
