var builder = WebApplication.CreateBuilder(args);

await using var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok("ok"));
await app.RunAsync().ConfigureAwait(false);
