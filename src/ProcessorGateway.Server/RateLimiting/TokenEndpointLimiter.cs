using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Server.Audit;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// The token endpoint's limits, as three stages of the ASP.NET Core rate limiter: per source address, then per
/// claimed client id, then a cap on requests that may check a secret at once (each runs PBKDF2 once; the queue behind
/// it is bounded). All three act before the client is looked up, so a refusal says nothing of whether an id exists.
/// Every other path passes untouched.
/// <para>
/// Three stages, not one chained limiter: the middleware tries a lease without waiting, then again with waiting, and a
/// chain would take a token from each bucket on both tries whenever a later limiter (a busy secret check) makes it wait.
/// </para>
/// </summary>
internal sealed class TokenEndpointLimiter : IDisposable
{
    public const string Error = "temporarily_unavailable";

    /// <summary>One text for every refusal, so that two bodies never differ by anything an id could explain.</summary>
    public const string Description = "Too many token requests; retry after the number of seconds in Retry-After.";

    private const string Unlimited = "none";

    /// <summary>The settings are read on the first token request, not here: this runs while the pipeline is built, before start-up validation reports bad ones.</summary>
    public TokenEndpointLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Stages =
        [
            Stage(RateLimitMetrics.TokenAddress, options, (http, settings) =>
                RateLimitPartition.GetTokenBucketLimiter("a:" + AddressKey(http.Connection.RemoteIpAddress), _ => settings.TokenPerAddress.ToLimiterOptions())),
            Stage(RateLimitMetrics.TokenClient, options, (http, settings) => ClaimedClientId.Of(http) is { } id
                ? RateLimitPartition.GetTokenBucketLimiter("c:" + id, _ => settings.TokenPerClient.ToLimiterOptions())
                : RateLimitPartition.GetNoLimiter(Unlimited)),
            Stage(RateLimitMetrics.TokenSecretChecks, options, (_, settings) => RateLimitPartition.GetConcurrencyLimiter("secret-checks", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.Pbkdf2Concurrency,
                QueueLimit = settings.Pbkdf2QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })),
        ];
    }

    /// <summary>In order: each an options instance for one <c>UseRateLimiter</c>.</summary>
    public IReadOnlyList<RateLimiterOptions> Stages { get; }

    public void Dispose()
    {
        foreach (var stage in Stages)
        {
            stage.GlobalLimiter?.Dispose();
        }
    }

    private static RateLimiterOptions Stage(
        string limit, IOptions<RateLimitOptions> options, Func<HttpContext, RateLimitOptions, RateLimitPartition<string>> partition) => new()
    {
        GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            options.Value is { Enabled: true } settings && ClaimedClientId.IsTokenRequest(http) ? partition(http, settings) : RateLimitPartition.GetNoLimiter(Unlimited)),
        RejectionStatusCode = StatusCodes.Status429TooManyRequests,
        OnRejected = (context, cancellationToken) => RejectAsync(limit, context, cancellationToken),
    };

    /// <summary>
    /// HTTP 429 with <c>Retry-After</c> and an OAuth-style error body, the same for every client id. The refusal is
    /// audited as the other unauthenticated ones are: counted per source and interval, the first one written at once.
    /// </summary>
    private static async ValueTask RejectAsync(string limit, OnRejectedContext context, CancellationToken cancellationToken)
    {
        RateLimitMetrics.Refused(limit);
        var response = context.HttpContext.Response;
        var refusals = context.HttpContext.RequestServices.GetRequiredService<UnauthenticatedRefusalRecorder>();
        try
        {
            await refusals.RecordAsync(context.HttpContext, TokenRequestAuditHandler.Action, RefusalReasons.RateLimited, RefusalReasons.RateLimited, actor: null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
        {
            // The audit log is down: the request is refused all the same, as one the gateway cannot serve now.
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = RetryAfter.Of(context.Lease);
        response.Headers.CacheControl = "no-store";
        await response.WriteAsJsonAsync(new TokenRefusal(Error, Description), RateLimitJsonContext.Default.TokenRefusal, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>An IPv6 host usually holds a whole /64, so that is one address here; IPv4-mapped addresses are IPv4.</summary>
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPAddress([.. address.GetAddressBytes()[..8], .. new byte[8]]) + "/64"
            : address.ToString();
    }
}
