using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SmartSensors.Influx;

/// <summary>One keep-alive HTTP connection pool to InfluxDB, with the authentication header and URIs.</summary>
internal sealed class InfluxHttpConnection : IDisposable
{
    private readonly bool _ownsClient;

    public InfluxHttpConnection(InfluxConnectionOptions options, HttpMessageHandler? handler)
    {
        OptionsValidation.ThrowIfInvalid(options);
        Options = options;
        BaseAddress = options.Url!.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/");
        if (handler is null)
        {
            handler = new SocketsHttpHandler
            {
                // Keep-alive: one pool, recycled now and then so DNS changes are noticed.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
                AutomaticDecompression = DecompressionMethods.GZip,
                MaxConnectionsPerServer = 16,
            };
            _ownsClient = true;
        }

        Client = new HttpClient(handler, disposeHandler: _ownsClient)
        {
            BaseAddress = BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan, // per request, see RequestTimeout
        };

        if (!string.IsNullOrEmpty(options.Username))
        {
            string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"));
            Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else if (!string.IsNullOrEmpty(options.Token))
        {
            Authorization = new AuthenticationHeaderValue("Token", options.Token);
        }
    }

    public InfluxConnectionOptions Options { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public AuthenticationHeaderValue? Authorization { get; }

    public Uri WriteUri(string precisionV1, string precisionV2)
    {
        var query = new StringBuilder();
        if (Options.ApiVersion == InfluxApiVersion.V2)
        {
            query.Append("api/v2/write?org=").Append(Uri.EscapeDataString(Options.Org!))
                .Append("&bucket=").Append(Uri.EscapeDataString(Options.Bucket!))
                .Append("&precision=").Append(precisionV2);
        }
        else
        {
            query.Append("write?db=").Append(Uri.EscapeDataString(Options.Database!));
            if (!string.IsNullOrEmpty(Options.RetentionPolicy))
            {
                query.Append("&rp=").Append(Uri.EscapeDataString(Options.RetentionPolicy));
            }

            query.Append("&precision=").Append(precisionV1);
        }

        return new Uri(BaseAddress, query.ToString());
    }

    public void Dispose()
    {
        Client.Dispose();
    }
}
