using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Telemetry;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Audits refusals of callers that did not authenticate (no token, a bad or expired one, a refused token request) as
/// counted aggregates, so a flood cannot grow the operator chain without bound: per source address, action, status
/// and reason, the first refusal of an interval is written at once, as any refusal was before (and, like one, fails
/// the call with UNAVAILABLE when it cannot be written); the rest are counted in a <see cref="RefusalTally"/> and
/// written as one event with their count when the interval ends (<see cref="UnauthenticatedRefusalFlushJob"/>) and
/// when the gateway stops. The source is the connection's remote address: the gateway honours no forwarded headers.
/// Authenticated callers are never counted here: each of their calls keeps its own event.
/// </summary>
internal sealed class UnauthenticatedRefusalRecorder(
    AuditRecorder recorder, IAuditLog log, IOptions<AuditOptions> options, TimeProvider time, ILogger<UnauthenticatedRefusalRecorder> logger)
{
    /// <summary>The status of a gRPC call refused before any service ran for want of a valid token.</summary>
    public const string Unauthenticated = nameof(StatusCode.Unauthenticated);

    private static readonly Counter<long> Refusals = GatewayMeter.Meter.CreateCounter<long>(
        "pg.audit.unauthenticated_refusals", "{refusal}", "Refusals of callers without a valid token, each one, whether written at once or counted, by reason");

    private readonly RefusalTally _tally = new(options.Value.UnauthenticatedMaxSources);

    /// <summary>Keys held until the next flush, for tests of the bound.</summary>
    internal int PendingKeys => _tally.Keys;

    /// <summary>
    /// One refusal of an unauthenticated caller. Returns once it is written (the first of its key in the interval) or counted.
    /// </summary>
    /// <param name="action">What was tried: <see cref="AuditRecorder.ActionOf"/> of the gRPC method, or <see cref="TokenRequestAuditHandler.Action"/>.</param>
    /// <param name="status">The gRPC status name, or the OAuth error the caller got.</param>
    /// <param name="reason">One of <see cref="RefusalReasons"/>.</param>
    /// <param name="actor">Who the first event of the interval names (<c>unverified:</c> and a claimed client id); <c>null</c>: <see cref="AuditRecorder.Anonymous"/>. Aggregates name no one.</param>
    public async Task RecordAsync(HttpContext http, string action, string status, string reason, string? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!recorder.Enabled)
        {
            return;
        }

        // The log shows a flood as counts; the metric shows its rate as it happens.
        Refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var source = http.Connection.RemoteIpAddress?.ToString();
        var (key, first) = _tally.Count(new RefusalKey(source, action, status, reason));
        if (!first)
        {
            return;
        }

        var entry = Entry(key with { Source = source }, 1, actor ?? AuditRecorder.Anonymous, time.GetUtcNow()) with
        {
            UserAgent = AuditRecorder.UserAgentOf(http),
            TraceId = AuditRecorder.TraceId(http),
        };
        try
        {
            await recorder.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _tally.Forget(key);
            throw;
        }
    }

    /// <summary>
    /// Writes what was counted since the last flush, one event per key with its count. Counts that cannot be written
    /// are kept for the next flush, so a counted refusal does not vanish with an outage of the audit store.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var due = _tally.Drain();
        if (due.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var failed = 0;
        string? cause = null;
        await Task.WhenAll(due.Select(async counted =>
        {
            try
            {
                await log.AppendAsync(Entry(counted.Key, counted.Value, AuditRecorder.Anonymous, now), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DomainException { Kind: DomainErrorKind.Unavailable } or OperationCanceledException)
            {
                _tally.Restore(counted.Key, counted.Value);
                Interlocked.Increment(ref failed);
                cause = (e.InnerException ?? e).GetType().Name;
            }
        })).ConfigureAwait(false);
        if (failed > 0)
        {
            GatewayLog.RefusalFlushFailed(logger, failed, cause ?? "none");
        }
    }

    /// <summary>Names the source, what was tried and why, never anything the caller sent besides.</summary>
    private static AuditEntry Entry(RefusalKey key, long count, string actor, DateTimeOffset at) => new(
        Guid.NewGuid().ToString("N"), at, actor, null, null, key.Action, [], [], [], AuditOutcome.Denied, key.Status, key.Source, null, null)
    {
        Count = count,
        Reason = key.Reason,
    };
}
