using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Registry;

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudHosting();
builder.AddRegistry();
builder.AddDeadLetters();
builder.AddIngest();
builder.AddAlerts();

await using var app = builder.Build();
app.MapHealthz();
app.MapAlerts();
await app.RunAsync().ConfigureAwait(false);
