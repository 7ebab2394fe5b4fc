namespace SmartSensors.Mqtt.ConformanceClient.Scenarios;

/// <summary>The TLS files of Mosquitto's test/ssl, by the same relative paths as the C twins (the scripts run in test/lib).</summary>
internal static class TlsFiles
{
    public const string SslDirectory = "../ssl";

    /// <summary>The server certificate is issued to CN=localhost; the C twins connect to "localhost", we to 127.0.0.1 with this name.</summary>
    public const string ServerName = "localhost";

    public static string File(string name) => Path.Combine(SslDirectory, name);

    /// <summary>
    /// mosquitto_tls_set(cafile, capath, ...) trusts the CA file plus every certificate in the CA directory (test/ssl/certs:
    /// the signing CA and the root CA, made by the commented-out tail of gen.sh, which scripts/mqtt-conformance.sh runs).
    /// <see cref="MqttTlsOptions"/> has one CA file, so this writes one file holding both; a missing directory adds nothing,
    /// as with OpenSSL.
    /// </summary>
    public static string CaFileWithCaPath(ScenarioContext context, string caFile, string caPath)
    {
        var pem = System.IO.File.ReadAllText(File(caFile));
        var directory = File(caPath);
        if (Directory.Exists(directory))
        {
            foreach (var certificate in Directory.EnumerateFiles(directory, "*.pem").Order(StringComparer.Ordinal))
            {
                pem += Environment.NewLine + System.IO.File.ReadAllText(certificate);
            }
        }
        else
        {
            context.Log($"CA directory {directory} does not exist; trusting {caFile} only");
        }

        return context.CreateTemporaryFile(pem);
    }
}
