namespace ProcessorGateway.Core.Clients;

/// <summary>How clients must authenticate in this deployment.</summary>
/// <param name="OperatorsNeedKey">
/// Operator clients (no tenant) reach every tenant, so outside Development they authenticate only with a key
/// (<c>private_key_jwt</c>): a shared secret is refused at the token endpoint and at registration.
/// </param>
public sealed record ClientAuthenticationPolicy(bool OperatorsNeedKey);
