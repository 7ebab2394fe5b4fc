using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.Registry;

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudHosting();
builder.AddRegistry();
builder.AddDeadLetters();
builder.AddIngest();

await using var app = builder.Build();
app.MapHealthz();
await app.RunAsync().ConfigureAwait(false);
