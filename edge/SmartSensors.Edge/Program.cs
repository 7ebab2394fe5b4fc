using SmartSensors.Edge.Configuration;
using SmartSensors.Edge.Health;
using SmartSensors.Edge.Outbox;
using SmartSensors.Edge.Sampling;
using SmartSensors.Edge.Uplink;

// appsettings.json is read from the install directory, whatever the working directory (systemd, dotnet <dll>).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddSingleton(TimeProvider.System);

// Hosted services stop in reverse order: samplers and health first, then the uplink, and the outbox writer last
// (it commits whatever the samplers left queued).
builder.AddGatewayConfiguration()
    .AddOutbox()
    .AddUplink()
    .AddGatewayHealth()
    .AddSampling();

using var host = builder.Build();
return await StartupErrors.RunAsync(host, Console.Error).ConfigureAwait(false);
