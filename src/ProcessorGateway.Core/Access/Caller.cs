namespace ProcessorGateway.Core.Access;

/// <summary>
/// Who is calling, as their validated token says: the client, the tenant it is bound to (none for an
/// operator or internal client), and the scopes and purposes it holds.
/// </summary>
public sealed record Caller(string ClientId, string? TenantId, IReadOnlySet<string> Scopes, IReadOnlySet<string> Purposes)
{
    public bool IsOperator => TenantId is null;

    public override string ToString() => IsOperator ? $"operator client {ClientId}" : $"client {ClientId} of tenant {TenantId}";
}
