using BenchmarkDotNet.Running;
using SmartSensors.Benchmarks;

// Load harnesses run against real servers and print a markdown table for docs/benchmarks.md:
//   dotnet run -c Release --project tests/SmartSensors.Benchmarks -- <harness> [options]
// Anything else goes to BenchmarkDotNet, e.g. `-- --filter '*LineProtocol*'`.
if (args.Length > 0 && Harnesses.TryGet(args[0], out var harness))
{
    return await harness(args[1..]).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Harnesses).Assembly).Run(args);
return 0;
