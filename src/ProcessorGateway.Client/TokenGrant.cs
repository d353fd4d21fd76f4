namespace ProcessorGateway.Client;

/// <summary>What the token endpoint granted: the token and how long it lives, before it is placed in time.</summary>
internal sealed record TokenGrant(string AccessToken, TimeSpan Lifetime)
{
    // Holds a bearer token: a record's generated ToString would print it.
    public override string ToString() => nameof(TokenGrant);
}
