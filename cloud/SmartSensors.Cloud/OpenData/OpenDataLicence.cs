namespace SmartSensors.Cloud.OpenData;

/// <summary>The licence every open dataset is published under (section <c>OpenData:Licence</c>).</summary>
internal sealed class OpenDataLicence
{
    /// <summary>The licence's name.</summary>
    public string Name { get; set; } = "Open Government Licence v3.0";

    /// <summary>Where the licence text is.</summary>
    public Uri? Url { get; set; } = new("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/");

    /// <summary>The attribution statement re-users must include.</summary>
    public string Attribution { get; set; } = "Contains public sector information licensed under the Open Government Licence v3.0.";
}
