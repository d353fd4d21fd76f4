using System.Globalization;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Retention;
using ProcessorGateway.Server.Audit;

namespace ProcessorGateway.Server.Retention;

/// <summary>
/// Enforces collection and field retention (<see cref="RetentionEnforcer"/>) each <c>Gateway:Retention:Interval</c>,
/// on every replica: each change is conditional on the record's version, so replicas passing together change and
/// count each record once. A tenant where a pass changed something gets one audit event, <c>job.retention</c>, with
/// the records (<c>collection/record</c>) and fields (<c>collection.field</c>) it erased, and the subjects named.
/// </summary>
internal sealed class RetentionJob(
    RetentionEnforcer enforcer, JobAuditor audit, RetentionMetrics metrics, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The interval runs on the real clock; "due" is judged on the calendar clock (ErasureClock).
        using var timer = new PeriodicTimer(options.Value.Interval, TimeProvider.System);
        do
        {
            await PassAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pass = await enforcer.RunAsync(options.Value.BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var tenant in pass)
            {
                if (tenant.Records.Count > 0)
                {
                    await AuditAsync(tenant, cancellationToken).ConfigureAwait(false);
                }

                if (tenant.Records.Count > 0 || tenant.Backlog > 0)
                {
                    GatewayLog.RetentionExpired(logger, tenant.TenantId, tenant.ErasedFields, tenant.DeletedRecords, tenant.Suspended, tenant.Backlog);
                }
            }

            metrics.Record(pass);
        }
        catch (DomainException e) when (e.Kind is DomainErrorKind.Unavailable or DomainErrorKind.FailedPrecondition or DomainErrorKind.NotFound)
        {
            GatewayLog.RetentionStoppedEarly(logger, e.Kind);
        }
    }

    private async Task AuditAsync(TenantExpiry tenant, CancellationToken cancellationToken)
    {
        var subjects = tenant.Records.Where(r => r.SubjectId is not null).Select(r => r.SubjectId!).Distinct(StringComparer.Ordinal).ToList();
        var named = await audit.NameAsync(tenant.TenantId, subjects, cancellationToken).ConfigureAwait(false);
        var records = tenant.Records.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Collection}/{r.RecordId}")).ToList();
        var fields = tenant.Records.SelectMany(r => r.Fields.Select(f => $"{r.Collection}.{f}")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await audit.RecordAsync(JobAuditor.Retention, tenant.TenantId, named, records, fields, cancellationToken).ConfigureAwait(false);
    }
}
