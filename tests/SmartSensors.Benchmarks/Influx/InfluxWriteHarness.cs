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
/// Usage: <c>influx-write [--points N] [--batch N] [--item-lines N] [--rounds N] [--slices N] [--gzip]</c>
/// (defaults 200,000 points, batches of 5,000 lines, writer items of 10 lines as an MQTT pack would be, 5 rounds
/// of 8 slices). Each round writes every point into a fresh database with curl and another with the writer, slice
/// by slice, alternating who goes first and waiting for influxd to go quiet before each slice; it checks both stored
/// counts by query and reports points/s. curl gets the batches as files and posts them with one process and one
/// keep-alive connection per slice (<c>--next</c>); the writer gets the same bytes as items and batches them itself.
/// With --gzip curl posts pre-compressed files while the writer compresses as it goes. HARNESS_VERBOSE=1 also
/// prints each timed run and how much of the writer's time was spent inside HTTP requests.
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
        int slices = IntArg(args, "--slices", 8);
        bool gzip = args.Contains("--gzip");
        if (points < 1 || batch < 1 || itemLines < 1 || rounds < 1 || slices < 1 || batch % itemLines != 0)
        {
            await Console.Error.WriteLineAsync("--points, --batch, --item-lines, --rounds and --slices must be positive, and --batch a multiple of --item-lines.").ConfigureAwait(false);
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
        await RunWriterAsync(influx, "warmup_writer", data, 0, itemEnds.Take(2 * batch / itemLines).ToList(), batch, gzip, ct).ConfigureAwait(false);

        int itemsPerFile = batch / itemLines;
        var rows = new List<(int Round, double Curl, double Writer)>();
        for (int round = 1; round <= rounds; round++)
        {
            // Each round writes everything once with each client, into its own database, in `slices` slices
            // run alternately (curl, writer, writer, curl, ...) after influxd has gone quiet, so that slow
            // phases of a shared machine hit both clients alike.
            string curlDb = $"curl_{round}";
            string writerDb = $"writer_{round}";
            TimeSpan curlTime = TimeSpan.Zero;
            TimeSpan writerTime = TimeSpan.Zero;
            for (int slice = 0; slice < slices; slice++)
            {
                int firstFile = slice * files.Count / slices;
                int endFile = (slice + 1) * files.Count / slices;
                if (firstFile == endFile)
                {
                    continue;
                }

                List<string> sliceFiles = files.GetRange(firstFile, endFile - firstFile);
                int firstItem = firstFile * itemsPerFile;
                int endItem = Math.Min(itemEnds.Count, endFile * itemsPerFile);
                int dataStart = firstItem == 0 ? 0 : itemEnds[firstItem - 1];
                List<int> sliceItems = itemEnds.GetRange(firstItem, endItem - firstItem);
                bool curlFirst = (slice + round) % 2 == 0;
                for (int turn = 0; turn < 2; turn++)
                {
                    await WaitForQuietAsync(influx, ct).ConfigureAwait(false);
                    if ((turn == 0) == curlFirst)
                    {
                        curlTime += await RunCurlAsync(curl, influx, curlDb, sliceFiles, gzip, work, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        writerTime += await RunWriterAsync(influx, writerDb, data, dataStart, sliceItems, batch, gzip, ct).ConfigureAwait(false);
                    }
                }
            }

            await VerifyCountAsync(influx, curlDb, points, ct).ConfigureAwait(false);
            await VerifyCountAsync(influx, writerDb, points, ct).ConfigureAwait(false);
            rows.Add((round, points / curlTime.TotalSeconds, points / writerTime.TotalSeconds));
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of per-round ratios {medianRatio:0.00}: target >= 0.9 {(medianRatio >= 0.9 ? "met" : "NOT met")}"));
        return 0;
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

    private static async Task<TimeSpan> RunWriterAsync(InfluxFixture influx, string database, byte[] data, int dataStart, List<int> itemEnds, int batch, bool gzip, CancellationToken ct)
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
        int start = dataStart;
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

    /// <summary>
    /// Waits until influxd has finished the background work (cache snapshots, compactions) of the previous run,
    /// so each measured run starts from the same quiet server: its CPU time (from /proc) must grow by less than
    /// 10 ms in each of two consecutive 250 ms windows (gives up after 60 s and measures anyway).
    /// </summary>
    private static async Task WaitForQuietAsync(InfluxFixture influx, CancellationToken ct)
    {
        if (influx.ProcessId is not int pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return;
        }

        long ticksPerSecond = 100; // USER_HZ on Linux
        long previous = await CpuTicksAsync(pid, ct).ConfigureAwait(false);
        int quiet = 0;
        long deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (quiet < 2 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(250, ct).ConfigureAwait(false);
            long now = await CpuTicksAsync(pid, ct).ConfigureAwait(false);
            quiet = (now - previous) * 1000 / ticksPerSecond < 10 ? quiet + 1 : 0;
            previous = now;
        }
    }

    private static async Task<long> CpuTicksAsync(int pid, CancellationToken ct)
    {
        string stat = await File.ReadAllTextAsync($"/proc/{pid}/stat", ct).ConfigureAwait(false);
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is the state (field 3); utime and stime are fields 14 and 15.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
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
