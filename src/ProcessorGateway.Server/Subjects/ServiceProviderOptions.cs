namespace ProcessorGateway.Server.Subjects;

/// <summary>
/// One entry of <c>Gateway:ServiceProviders</c>: an organisation the deployment shares data with to run
/// the service (the SMTP relay, the webhook host, the hosting provider). Listed to institutions by
/// ListServiceProviders, so every value here is public to them and never a person or a secret.
/// </summary>
public sealed class ServiceProviderOptions
{
    public string? Name { get; set; }

    public string? Purpose { get; set; }

    /// <summary>A URL without credentials (<c>smtp://relay.example:587</c>) or a place (<c>EU (Frankfurt)</c>).</summary>
    public string? Location { get; set; }
}
