using System.Globalization;
using System.Text;

namespace SmartSensors.Benchmarks.Fleet;

/// <summary>A log-bucketed latency histogram (5 % wide buckets from 0.1 ms to ~16 days), cheap enough to record every
/// pack from many threads and small enough to print once per sample. Counts are cumulative; phases are differences.</summary>
internal sealed class LagHistogram
{
    public const int Buckets = 480;
    private const double Smallest = 1e-4;
    private const double Ratio = 1.05;
    private static readonly double LogRatio = Math.Log(Ratio);
    private readonly long[] _counts = new long[Buckets];

    public long Count
    {
        get
        {
            long total = 0;
            for (var i = 0; i < Buckets; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    public static int BucketOf(double seconds)
    {
        if (!(seconds > Smallest))
        {
            return 0;
        }

        var index = (int)(Math.Log(seconds / Smallest) / LogRatio) + 1;
        return Math.Clamp(index, 0, Buckets - 1);
    }

    /// <summary>The largest lag a bucket holds (its upper bound), in seconds.</summary>
    public static double UpperBound(int bucket) => Smallest * Math.Pow(Ratio, bucket);

    public void Record(double seconds) => Interlocked.Increment(ref _counts[BucketOf(seconds)]);

    public void Add(int bucket, long count) => _counts[bucket] += count;

    /// <summary>The sum of two histograms (e.g. of two ingest replicas).</summary>
    public LagHistogram Plus(LagHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new LagHistogram();
        for (var i = 0; i < Buckets; i++)
        {
            result._counts[i] = _counts[i] + other._counts[i];
        }

        return result;
    }

    /// <summary>This histogram minus an earlier snapshot of the same one.</summary>
    public LagHistogram Minus(LagHistogram earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var result = new LagHistogram();
        for (var i = 0; i < Buckets; i++)
        {
            result._counts[i] = _counts[i] - earlier._counts[i];
        }

        return result;
    }

    /// <summary>The upper bound of the bucket holding quantile <paramref name="q"/> (NaN when empty).</summary>
    public double Quantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }

        return UpperBound(Buckets - 1);
    }

    /// <summary>"index:count,…" for the non-empty buckets.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Buckets; i++)
        {
            var count = Interlocked.Read(ref _counts[i]);
            if (count != 0)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                text.Append(CultureInfo.InvariantCulture, $"{i}:{count}");
            }
        }

        return text.ToString();
    }

    public static LagHistogram Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var histogram = new LagHistogram();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            var bucket = int.Parse(pair.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture);
            var count = long.Parse(pair.AsSpan(colon + 1), NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (bucket is >= 0 and < Buckets)
            {
                histogram.Add(bucket, count);
            }
        }

        return histogram;
    }
}
