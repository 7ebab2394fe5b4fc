using System.ComponentModel.DataAnnotations;

namespace SmartSensors.Influx;

/// <summary>Where InfluxDB is and how to authenticate (configuration section <c>Influx</c>).</summary>
public sealed class InfluxConnectionOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Influx";

    /// <summary>Base address of the InfluxDB HTTP API, e.g. <c>http://127.0.0.1:8086/</c>.</summary>
    [Required(ErrorMessage = "Influx:Url is required (e.g. http://127.0.0.1:8086/).")]
    public Uri? Url { get; set; }

    /// <summary>The write API to use.</summary>
    [EnumDataType(typeof(InfluxApiVersion), ErrorMessage = "Influx:ApiVersion must be V1 or V2.")]
    public InfluxApiVersion ApiVersion { get; set; } = InfluxApiVersion.V1;

    /// <summary>Database (v1 API; also the database queried with InfluxQL).</summary>
    [RegularExpression(@"^[^\n\r]{1,255}$", ErrorMessage = "Influx:Database must be 1-255 characters without newlines.")]
    public string? Database { get; set; }

    /// <summary>Retention policy to write into (v1 API); empty for the database's default.</summary>
    [RegularExpression(@"^[^\n\r]{1,255}$", ErrorMessage = "Influx:RetentionPolicy must be 1-255 characters without newlines.")]
    public string? RetentionPolicy { get; set; }

    /// <summary>User name (v1 API, HTTP basic authentication).</summary>
    public string? Username { get; set; }

    /// <summary>Password (v1 API).</summary>
    public string? Password { get; set; }

    /// <summary>API token (v2 API: <c>Authorization: Token …</c>; with the v1 API it is sent the same way when no user name is set).</summary>
    public string? Token { get; set; }

    /// <summary>Organisation (v2 API).</summary>
    public string? Org { get; set; }

    /// <summary>Bucket (v2 API).</summary>
    public string? Bucket { get; set; }

    /// <summary>Timeout of one HTTP request (a timed-out write is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Influx:RequestTimeout must be between 100 ms and 10 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is not null && (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Influx:Url must be an absolute http:// or https:// address.", [nameof(Url)]);
        }

        if (ApiVersion == InfluxApiVersion.V1 && string.IsNullOrEmpty(Database))
        {
            yield return new ValidationResult("Influx:Database is required with Influx:ApiVersion V1.", [nameof(Database)]);
        }

        if (ApiVersion == InfluxApiVersion.V2)
        {
            if (string.IsNullOrEmpty(Org))
            {
                yield return new ValidationResult("Influx:Org is required with Influx:ApiVersion V2.", [nameof(Org)]);
            }

            if (string.IsNullOrEmpty(Bucket))
            {
                yield return new ValidationResult("Influx:Bucket is required with Influx:ApiVersion V2.", [nameof(Bucket)]);
            }

            if (string.IsNullOrEmpty(Token))
            {
                yield return new ValidationResult("Influx:Token is required with Influx:ApiVersion V2.", [nameof(Token)]);
            }
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Influx:Username and Influx:Password must be set together.", [nameof(Username), nameof(Password)]);
        }
    }
}
