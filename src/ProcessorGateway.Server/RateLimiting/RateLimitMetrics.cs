using System.Diagnostics.Metrics;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// Refusals by limit, and lockouts started. Tags name the limit only, never a client id or an address: the ids a
/// flood claims are the attacker's to choose, and would make the series unbounded.
/// </summary>
internal static class RateLimitMetrics
{
    public const string TokenAddress = "token.address";
    public const string TokenClient = "token.client";
    public const string TokenSecretChecks = "token.secret_checks";
    public const string TokenLocked = "token.locked";
    public const string GrpcClient = "grpc.client";

    private static readonly Counter<long> Refusals = GatewayMeter.Meter.CreateCounter<long>(
        "pg.ratelimit.refused", "{request}", "Requests refused by a rate limit or a lockout, by limit");

    private static readonly Counter<long> Lockouts = GatewayMeter.Meter.CreateCounter<long>(
        "pg.token.lockouts", "{lockout}", "Client ids locked after repeated failed authentications (each lockout once, on the replica that started it)");

    public static void Refused(string limit) => Refusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public static void LockoutStarted() => Lockouts.Add(1);
}
