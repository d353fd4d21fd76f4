using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProcessorGateway.Server.HealthChecks;

/// <summary>Readiness: the Data Protection key ring loads, so tenant keys can be unwrapped. Protects a constant, never a key.</summary>
internal sealed class KeyRingHealthCheck(IDataProtectionProvider provider) : IHealthCheck
{
    private static readonly byte[] Probe = [1, 2, 3, 4];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var protector = provider.CreateProtector("ProcessorGateway.Health.v1");
            var roundTrip = protector.Unprotect(protector.Protect(Probe));
            return Task.FromResult(roundTrip.AsSpan().SequenceEqual(Probe)
                ? HealthCheckResult.Healthy("key ring loaded")
                : HealthCheckResult.Unhealthy("key ring round trip differs"));
        }
        catch (CryptographicException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"key ring unusable ({e.GetType().Name})"));
        }
    }
}
