using System.Collections.Frozen;
using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Writes one access's audit event, with where it came from (client IP, user agent, trace id), and
/// returns once it is durable. Throws an UNAVAILABLE domain error when it cannot be written. Subjects are named
/// by reference under their keys in the tenant the call was authorised for (<see cref="AuditSubjects"/>), never in clear.
/// </summary>
internal sealed class AuditRecorder(IAuditLog log, AuditSubjects subjects, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRecorder> logger)
{
    public const string Anonymous = "anonymous";
    private const int UserAgentMaxLength = 256;

    /// <summary>
    /// Calls that, when they succeed, have stored state about the subject without a key of its own: their event
    /// may create the subject's key to name it. Record and consent writes make the key themselves; every
    /// other call, and any call refused or failed, only uses a key that exists (bad input writes nothing).
    /// </summary>
    private static readonly FrozenSet<string> SubjectStateWrites = FrozenSet.Create(StringComparer.Ordinal,
        "SubjectRightsService.SetSubjectProfile", "SubjectRightsService.SetCommunicationPreference", "ErasureService.RequestErasure",
        "ErasureService.PlaceLegalHold");

    public bool Enabled => options.Value.Enabled;

    public static AuditOutcome OutcomeOf(StatusCode status) => status switch
    {
        StatusCode.OK => AuditOutcome.Succeeded,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => AuditOutcome.Denied,
        _ => AuditOutcome.Failed,
    };

    public async Task RecordAsync(
        HttpContext http, string action, string? actor, string? tenantId, AuditTrail? trail, AuditOutcome outcome, string status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Enabled)
        {
            return;
        }

        await AppendAsync(await EntryAsync(http, action, actor, tenantId, trail, outcome, status, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Appends an event built elsewhere; throws the UNAVAILABLE domain error, logged, when it cannot be written.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
        {
            // The driver's messages name servers and the writer's name chains (tenant ids), never personal values.
            GatewayLog.AuditUnavailable(logger, entry.Action, e.InnerException?.GetType().Name ?? "none", e.InnerException?.Message ?? string.Empty);
            throw;
        }
    }

    /// <summary>
    /// Subjects named at the start of the call keep that reference; the others are named now, with a key that
    /// exists (<see cref="SubjectStateWrites"/>); a subject with none is counted, not named.
    /// </summary>
    private async Task<AuditEntry> EntryAsync(
        HttpContext http, string action, string? actor, string? tenantId, AuditTrail? trail, AuditOutcome outcome, string status, CancellationToken cancellationToken)
    {
        var (records, touched, fields) = trail?.Touched() ?? ([], [], []);
        var named = trail?.Named() ?? new Dictionary<string, SubjectReference>();
        var names = await subjects.NameAsync(trail?.TenantId, [.. touched.Where(s => !named.ContainsKey(s))], outcome == AuditOutcome.Succeeded && SubjectStateWrites.Contains(action), cancellationToken)
            .ConfigureAwait(false);
        return new AuditEntry(
            Guid.NewGuid().ToString("N"),
            time.GetUtcNow(),
            actor ?? Anonymous,
            tenantId,
            trail?.Purpose,
            action,
            records,
            [],
            fields,
            outcome,
            status,
            http.Connection.RemoteIpAddress?.ToString(),
            UserAgentOf(http),
            TraceId(http))
        {
            SubjectRefs = [.. named.Values, .. names.References],
            UnnamedSubjects = names.Unnamed,
            PurposeCategory = trail?.PurposeCategory,
        };
    }

    /// <summary>The gRPC method as <c>Service.Method</c>: <c>/processorgateway.v1.RecordService/GetRecord</c> reads <c>RecordService.GetRecord</c>.</summary>
    public static string ActionOf(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var parts = method.Trim('/').Split('/');
        return parts.Length == 2 ? $"{parts[0][(parts[0].LastIndexOf('.') + 1)..]}.{parts[1]}" : method;
    }

    /// <summary>The caller's user agent, cut to a bounded length; <c>null</c> when it sent none.</summary>
    public static string? UserAgentOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var userAgent = http.Request.Headers.UserAgent.ToString();
        return userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, UserAgentMaxLength)];
    }

    /// <summary>The W3C trace id: the current activity's, else the caller's <c>traceparent</c> header's.</summary>
    public static string? TraceId(HttpContext http)
    {
        if (Activity.Current is { } activity && activity.TraceId != default)
        {
            return activity.TraceId.ToHexString();
        }

        var parent = http.Request.Headers["traceparent"].ToString();
        return parent.Length >= 35 && parent[2] == '-' && parent[3..35].All(char.IsAsciiHexDigitLower) ? parent[3..35] : null;
    }
}
