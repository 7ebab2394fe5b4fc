using SmartSensors.Cloud.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSmartSensorsCloud();

await using var app = builder.Build();
app.MapSmartSensorsCloud();
await app.RunAsync().ConfigureAwait(false);
