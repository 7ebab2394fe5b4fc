using SmartSensors.Cloud.Alerts;
using SmartSensors.Cloud.Api;
using SmartSensors.Cloud.Dashboard;
using SmartSensors.Cloud.DeadLetters;
using SmartSensors.Cloud.Hosting;
using SmartSensors.Cloud.Ingest;
using SmartSensors.Cloud.OpenData;
using SmartSensors.Cloud.Registry;
using SmartSensors.Cloud.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddCloudHosting();
builder.AddRegistry();
builder.AddDeadLetters();
builder.AddIngest();
builder.AddAlerts();
builder.AddApiSecurity();
builder.AddApi();
builder.AddOpenData();
builder.AddDashboard();

await using var app = builder.Build();
app.UseApiSecurity();
app.MapHealthz();
app.MapAlerts();
app.MapApi();
app.MapOpenData();
app.MapDashboard();
await app.RunAsync().ConfigureAwait(false);
