namespace ProcessorGateway.Client;

/// <summary>A bearer token from the token endpoint, with when it expires and when it is due for refresh.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt)
{
    // A bearer token is a credential: keep it out of logs, exception messages and debugger displays.
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"AccessToken {{ ExpiresAt = {ExpiresAt:O}, RefreshAt = {RefreshAt:O} }}");
}
