using System.Diagnostics;
using System.Globalization;
using System.Text;
using SmartSensors.Influx;
using SmartSensors.Influx.LineProtocol;
using SmartSensors.Influx.Write;
using SmartSensors.Testing.Influx;

namespace SmartSensors.Benchmarks.Influx;

/// <summary>
/// Load harness: points/s stored by <see cref="InfluxWriter"/> compared, in the same run and against the same
/// influxd, with <c>curl</c> posting the same line-protocol batches (files) over one keep-alive connection.
/// Usage: <c>influx-write [--points N] [--batch N] [--item-lines N] [--rounds N] [--gzip]</c>
/// (defaults 200,000 points, batches of 5,000 lines, writer items of 10 lines as an MQTT pack would be, 5 rounds).
/// Each round writes every point into a fresh database with curl and with the writer (alternating who goes
/// first), checks the stored count by query, and reports points/s; HARNESS_VERBOSE=1 also prints how much of
/// the writer's time was spent inside HTTP requests.
/// </summary>
public static class InfluxWriteHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int points = IntArg(args, "--points", 200_000);
        int batch = IntArg(args, "--batch", 5_000);
        int itemLines = IntArg(args, "--item-lines", 10);
        int rounds = IntArg(args, "--rounds", 5);
        bool gzip = args.Contains("--gzip");
        if (points < 1 || batch < 1 || itemLines < 1 || rounds < 1 || batch % itemLines != 0)
        {
            await Console.Error.WriteLineAsync("--points, --batch, --item-lines and --rounds must be positive, and --batch a multiple of --item-lines.").ConfigureAwait(false);
            return 2;
        }

        string curl = FindCurl();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        CancellationToken ct = cancellation.Token;
        await using InfluxFixture influx = await InfluxFixture.StartAsync(ct).ConfigureAwait(false);
        string work = Path.Combine(influx.DataDirectory, "harness");
        Directory.CreateDirectory(work);

        // The same bytes for both: items of itemLines lines; files of batch lines (whole items).
        using var all = new LineProtocolBuffer(points * 128);
        var writer = new LineProtocolWriter(all, LinePrecision.Seconds);
        var itemEnds = new List<int>();
        for (int i = 0; i < points; i++)
        {
            writer.Measurement("air_quality")
                .Tag("gateway", $"gw-{i % 100:D3}").Tag("sensor", $"s{i % 7}").Tag("site", "queens-square")
                .Field("pm25", 5 + (i % 997) * 0.1).Field("pm10", 9.5 + (i % 13)).Field("seq", (long)i)
                .Timestamp(1_700_000_000L + (i / 700));
            if ((i + 1) % itemLines == 0 || i == points - 1)
            {
                itemEnds.Add(all.Length);
            }
        }

        byte[] data = all.WrittenSpan.ToArray();
        var files = new List<string>();
        int linesInFile = 0;
        int fileStart = 0;
        for (int i = 0, line = 0; i < data.Length; i++)
        {
            if (data[i] != (byte)'\n')
            {
                continue;
            }

            line++;
            linesInFile++;
            if (linesInFile == batch || line == points)
            {
                string file = Path.Combine(work, $"batch-{files.Count:D5}.lp");
                await File.WriteAllBytesAsync(file, data.AsMemory(fileStart, i + 1 - fileStart), ct).ConfigureAwait(false);
                files.Add(file);
                fileStart = i + 1;
                linesInFile = 0;
            }
        }

        Console.WriteLine($"influxd {influx.BaseAddress} · {points:N0} points · {data.Length / 1024.0 / 1024.0:0.0} MiB line protocol · batches of {batch} lines ({files.Count} files) · writer items of {itemLines} lines · gzip {(gzip ? "on" : "off")} · {Environment.ProcessorCount} cores");
        Console.WriteLine();

        // Warm-up (JIT, influxd shard creation) on a throw-away database, not measured.
        await RunCurlAsync(curl, influx, "warmup_curl", files.Take(2).ToList(), gzip, work, ct).ConfigureAwait(false);
        await RunWriterAsync(influx, "warmup_writer", data, itemEnds.Take(2 * batch / itemLines).ToList(), batch, gzip, ct).ConfigureAwait(false);

        var rows = new List<(int Round, double Curl, double Writer)>();
        for (int round = 1; round <= rounds; round++)
        {
            // Alternate who goes first so neither always meets a warmer server.
            double curlRate;
            double writerRate;
            if (round % 2 == 1)
            {
                curlRate = await MeasureCurlAsync(round).ConfigureAwait(false);
                writerRate = await MeasureWriterAsync(round).ConfigureAwait(false);
            }
            else
            {
                writerRate = await MeasureWriterAsync(round).ConfigureAwait(false);
                curlRate = await MeasureCurlAsync(round).ConfigureAwait(false);
            }

            rows.Add((round, curlRate, writerRate));
        }

        var table = new StringBuilder();
        table.AppendLine("| round | curl (points/s) | InfluxWriter (points/s) | ratio writer/curl |");
        table.AppendLine("|---:|---:|---:|---:|");
        foreach (var (round, c, w) in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {round} | {c:N0} | {w:N0} | {w / c:0.00} |");
        }

        double medianCurl = Median(rows.Select(r => r.Curl));
        double medianWriter = Median(rows.Select(r => r.Writer));
        double medianRatio = Median(rows.Select(r => r.Writer / r.Curl));
        table.AppendLine(CultureInfo.InvariantCulture, $"| median | {medianCurl:N0} | {medianWriter:N0} | {medianRatio:0.00} |");
        Console.WriteLine(table.ToString());
        Console.WriteLine(CultureInfo.InvariantCulture, $"median of per-round ratios {medianRatio:0.00}: target >= 0.9 {(medianRatio >= 0.9 ? "met" : "NOT met")}");
        return 0;

        async Task<double> MeasureCurlAsync(int round)
        {
            string db = $"curl_{round}";
            TimeSpan elapsed = await RunCurlAsync(curl, influx, db, files, gzip, work, ct).ConfigureAwait(false);
            await VerifyCountAsync(influx, db, points, ct).ConfigureAwait(false);
            return points / elapsed.TotalSeconds;
        }

        async Task<double> MeasureWriterAsync(int round)
        {
            string db = $"writer_{round}";
            TimeSpan elapsed = await RunWriterAsync(influx, db, data, itemEnds, batch, gzip, ct).ConfigureAwait(false);
            await VerifyCountAsync(influx, db, points, ct).ConfigureAwait(false);
            return points / elapsed.TotalSeconds;
        }
    }

    private static async Task<TimeSpan> RunCurlAsync(string curl, InfluxFixture influx, string database, List<string> files, bool gzip, string work, CancellationToken ct)
    {
        await influx.CreateDatabaseAsync(database, ct).ConfigureAwait(false);
        if (gzip)
        {
            files = await GzipFilesAsync(files, ct).ConfigureAwait(false);
        }

        // One curl process, one keep-alive connection, requests one after another (--next), like the writer.
        var config = new StringBuilder();
        config.AppendLine("silent");
        string url = new Uri(influx.BaseAddress, $"write?db={database}&precision=s").AbsoluteUri;
        for (int i = 0; i < files.Count; i++)
        {
            if (i > 0)
            {
                config.AppendLine("next");
            }

            config.AppendLine(CultureInfo.InvariantCulture, $"url = \"{url}\"");
            config.AppendLine(CultureInfo.InvariantCulture, $"data-binary = \"@{files[i]}\"");
            config.AppendLine("header = \"Content-Type: text/plain; charset=utf-8\"");
            if (gzip)
            {
                config.AppendLine("header = \"Content-Encoding: gzip\"");
            }

            config.AppendLine("output = \"/dev/null\"");
            config.AppendLine("write-out = \"%{http_code}\\n\"");
        }

        string configFile = Path.Combine(work, $"{database}.curlrc");
        await File.WriteAllTextAsync(configFile, config.ToString(), ct).ConfigureAwait(false);

        var start = new ProcessStartInfo(curl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-K");
        start.ArgumentList.Add(configFile);
        long began = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("curl did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(began);
        if (Environment.GetEnvironmentVariable("HARNESS_VERBOSE") == "1")
        {
            Console.WriteLine($"  curl {database}: {elapsed.TotalSeconds:0.000} s total");
        }

        string codes = await stdout.ConfigureAwait(false);
        string[] statuses = codes.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (process.ExitCode != 0 || statuses.Length != files.Count || statuses.Any(s => s != "204"))
        {
            throw new InvalidOperationException($"curl failed (exit {process.ExitCode}, statuses {string.Join(',', statuses.Distinct())}): {await stderr.ConfigureAwait(false)}");
        }

        return elapsed;
    }

    private static async Task<TimeSpan> RunWriterAsync(InfluxFixture influx, string database, byte[] data, List<int> itemEnds, int batch, bool gzip, CancellationToken ct)
    {
        await influx.CreateDatabaseAsync(database, ct).ConfigureAwait(false);
        var connection = new InfluxConnectionOptions { Url = influx.BaseAddress, Database = database };
        var options = new InfluxWriterOptions
        {
            BatchPoints = batch,
            BatchBytes = 64 * 1024 * 1024,
            MaxItemBytes = 64 * 1024 * 1024,
            Precision = LinePrecision.Seconds,
            Gzip = gzip,
            MaxAttempts = 1, // a benchmark must not hide failures behind retries
        };
        int failures = 0;
        await using var writer = new InfluxWriter(connection, options, outcome =>
        {
            if (outcome.Status != WriteStatus.Written)
            {
                Interlocked.Increment(ref failures);
            }
        });

        double httpSeconds = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SmartSensors.Influx" && instrument.Name == "smartsensors.influx.batch_duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => httpSeconds += value);
        listener.Start();

        long began = Stopwatch.GetTimestamp();
        int start = 0;
        foreach (int end in itemEnds)
        {
            await writer.EnqueueAsync(data.AsMemory(start, end - start), null, ct).ConfigureAwait(false);
            start = end;
        }

        await writer.FlushAsync(ct).ConfigureAwait(false);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(began);
        if (Environment.GetEnvironmentVariable("HARNESS_VERBOSE") == "1")
        {
            Console.WriteLine($"  writer {database}: {elapsed.TotalSeconds:0.000} s total, {httpSeconds:0.000} s in HTTP requests");
        }

        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} writer items were not written.");
        }

        return elapsed;
    }

    private static async Task<List<string>> GzipFilesAsync(List<string> files, CancellationToken ct)
    {
        var zipped = new List<string>();
        foreach (string file in files)
        {
            string target = file + ".gz";
            if (!File.Exists(target))
            {
                await using FileStream input = File.OpenRead(file);
                await using FileStream output = File.Create(target);
                await using var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest);
                await input.CopyToAsync(gzip, ct).ConfigureAwait(false);
            }

            zipped.Add(target);
        }

        return zipped;
    }

    private static async Task VerifyCountAsync(InfluxFixture influx, string database, int points, CancellationToken ct)
    {
        long stored = await influx.CountAsync(database, "air_quality", "seq", ct).ConfigureAwait(false);
        if (stored != points)
        {
            throw new InvalidOperationException($"{database}: {stored} points stored, {points} expected.");
        }
    }

    private static string FindCurl()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            string candidate = Path.Combine(directory, "curl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("curl is not installed (apt-get install -y curl).");
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
