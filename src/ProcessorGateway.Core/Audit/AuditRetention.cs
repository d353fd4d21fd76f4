using System.Globalization;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Prunes a tenant's chain of the events that outlived its audit retention, whole blocks from the start of the
/// chain. A block is kept while any of its events names a subject under an active legal hold (by the subject's
/// lookup token, or its id in clear in events from before references), and so is every block after it: the
/// retained chain is always one run from a single prune point. The pass writes its own event on the chain before it
/// records the point and deletes, so no pruning goes unaudited; a pass stopped between the steps is finished by the next.
/// </summary>
public sealed class AuditRetention(IAuditLog log, IAuditPruning pruning, IErasurePolicyStore policies, AuditSubjects subjects, TimeProvider time)
{
    /// <summary>The actor and action of a pruning's own event.</summary>
    public const string Job = "audit-retention";

    /// <summary>The shortest retention a deployment or tenant may set: a month, so an incident is still in the log when it is noticed.</summary>
    public const int MinDays = 30;

    /// <summary>The longest: ten years, past any statutory period the policy names.</summary>
    public const int MaxDays = 3650;

    public static readonly TimeSpan MinPeriod = TimeSpan.FromDays(MinDays);

    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(MaxDays);

    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(365);

    /// <summary>The period in force for the tenant: its own, or <paramref name="deploymentDefault"/>.</summary>
    public async Task<(TimeSpan Period, AuditRetentionSetting? Own)> PeriodAsync(string tenantId, TimeSpan deploymentDefault, CancellationToken cancellationToken)
    {
        var own = await pruning.FindSettingAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return (own is null ? deploymentDefault : TimeSpan.FromDays(own.Days), own);
    }

    /// <param name="days">30 to 3650; 0 returns the tenant to the deployment's default.</param>
    /// <returns>The tenant's own setting, or <c>null</c> after a return to the default.</returns>
    public async Task<AuditRetentionSetting?> SetAsync(string tenantId, int days, string actor, CancellationToken cancellationToken)
    {
        if (days == 0)
        {
            await pruning.DeleteSettingAsync(tenantId, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (days is < MinDays or > MaxDays)
        {
            throw DomainErrors.Invalid("retention_days", string.Create(CultureInfo.InvariantCulture,
                $"must be {MinDays} to {MaxDays} days (0 returns the tenant to the deployment's default), not {days}"));
        }

        var setting = new AuditRetentionSetting(tenantId, days, time.GetUtcNow(), actor);
        await pruning.SaveSettingAsync(setting, cancellationToken).ConfigureAwait(false);
        return setting;
    }

    /// <summary>One pass of one tenant's chain.</summary>
    /// <param name="maxBlocks">At most this many blocks in one pass: the rest wait for the next.</param>
    public async Task<AuditPruneResult> PruneAsync(string tenantId, TimeSpan period, int maxBlocks, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, MinPeriod);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(period, MaxPeriod);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlocks, 1);
        var chain = AuditChains.For(tenantId);
        var now = time.GetUtcNow();
        var held = await HeldAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var plan = await pruning.PlanAsync(chain, now - period, held.Names, maxBlocks, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return new AuditPruneResult(0, 0, false);
        }

        var before = await log.PrunePointAsync(chain, cancellationToken).ConfigureAwait(false);
        var point = before is { } recorded && recorded.Sequence >= plan.LastSequence
            ? recorded
            : new AuditPrunePoint(chain, plan.LastSequence, plan.LastHash, now, string.Create(CultureInfo.InvariantCulture,
                $"events up to sequence {plan.LastSequence} pruned at {now:yyyy-MM-ddTHH:mm:ssZ}: older than the tenant's audit retention of {period.TotalDays:0} days"));
        if (!ReferenceEquals(point, before))
        {
            await log.AppendAsync(Event(tenantId, now, before?.Sequence ?? 0, plan), cancellationToken).ConfigureAwait(false);
        }

        var blocks = await pruning.PruneAsync(point, cancellationToken).ConfigureAwait(false);
        return new AuditPruneResult(blocks, blocks == 0 ? 0 : plan.Events, plan.StoppedAtHold);
    }

    /// <summary>The range pruned, as the event's record ids: <c>audit:{first}-{last}</c>.</summary>
    private static AuditEntry Event(string tenantId, DateTimeOffset now, long after, AuditPrunePlan plan) =>
        new(Guid.NewGuid().ToString("N"), now, $"job:{Job}", tenantId, null, $"job.{Job}",
            [string.Create(CultureInfo.InvariantCulture, $"audit:{after + 1}-{plan.LastSequence}")], [], [],
            AuditOutcome.Succeeded, "OK", null, null, null);

    private async Task<HeldSubjects> HeldAsync(string tenantId, CancellationToken cancellationToken)
    {
        var holds = await policies.ListHoldsAsync(tenantId, null, activeOnly: true, cancellationToken).ConfigureAwait(false);
        var ids = holds.Select(h => h.SubjectId).ToHashSet(StringComparer.Ordinal);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (await subjects.TokenAsync(tenantId, id, cancellationToken).ConfigureAwait(false) is { } token)
            {
                tokens.Add(Convert.ToHexString(token));
            }
        }

        return new HeldSubjects(ids, tokens);
    }

    private sealed record HeldSubjects(HashSet<string> Ids, HashSet<string> Tokens)
    {
        public bool Names(ChainedAuditEvent chained) =>
            chained.Entry.SubjectIds.Any(Ids.Contains) || (chained.Entry.SubjectRefs ?? []).Any(r => Tokens.Contains(Convert.ToHexString(r.Token)));
    }
}
