// smartsensors-admin: provisioning commands for operators (gateway credentials, ACL rules, gateway config, service accounts, API keys).
// See --help, hardware/mosquitto/README.md and docs/security.md.
using SmartSensors.Admin.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await AdminCommandLine.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
