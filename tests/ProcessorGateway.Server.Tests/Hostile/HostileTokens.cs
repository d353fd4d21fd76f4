using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Real bearer tokens for the operator and the tenant-bound client, fetched again every minute: access
/// tokens live five minutes, and a long run must not turn into a run of expired tokens.
/// </summary>
internal sealed class HostileTokens(GatewayFixture gateway, HostileTarget target) : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Operator, string TenantBound, DateTime Fetched)? _current;

    /// <summary>The whole Authorization header the request carries; null for none.</summary>
    public async Task<string?> AuthorizationAsync(HostileRequest request, CancellationToken cancellationToken)
    {
        if (request.Caller == HostileCaller.Forged)
        {
            return request.Authorization;
        }

        var current = _current;
        if (current is null || DateTime.UtcNow - current.Value.Fetched > Refresh)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                current = _current;
                if (current is null || DateTime.UtcNow - current.Value.Fetched > Refresh)
                {
                    var operatorToken = await gateway.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
                    var tenantToken = await gateway.GetTokenAsync(target.TenantClientId, target.TenantClientSecret);
                    _current = current = (operatorToken, tenantToken, DateTime.UtcNow);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        return "Bearer " + (request.Caller == HostileCaller.TenantBound ? current.Value.TenantBound : current.Value.Operator);
    }

    public void Dispose() => _gate.Dispose();
}
