using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl audit query|verify|retention</c>: read a tenant's (or the operator) audit chain, and check it end to end.</summary>
internal static class AuditCommands
{
    public static Command Create(GlobalOptions global)
    {
        var audit = new Command("audit", "Read the audit log (who touched whose data, when, why, from where) and verify its hash chains (needs audit.read).");
        audit.Add(Query(global));
        audit.Add(Verify(global));
        audit.Add(AuditRetentionCommands.Create(global));
        return audit;
    }

    private static Command Query(GlobalOptions global)
    {
        var chain = new ChainOptions();
        var subject = new Option<string>("--subject") { Description = "Only events that touched this data subject (none once the subject is erased)." };
        var record = new Option<string>("--record") { Description = "Only events that touched this record id." };
        var actor = new Option<string>("--actor") { Description = "Only events of this client id (or job name)." };
        var purpose = new Option<string>("--purpose") { Description = "Only events for this purpose." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "From this instant (inclusive), e.g. 2026-11-26T00:00:00Z." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Up to this instant (exclusive)." };
        var paging = new PageOptions();
        var command = new Command("query", "List a chain's events, oldest first, narrowed by subject, record, actor, purpose and time.")
        {
            subject, record, actor, purpose, from, to,
        };
        paging.AddTo(command);
        chain.AddTo(command);
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new QueryAuditRequest
            {
                TenantId = context.Value(chain.Tenant) ?? string.Empty,
                OperatorChain = context.Value(chain.Operator),
                SubjectId = context.Value(subject) ?? string.Empty,
                RecordId = context.Value(record) ?? string.Empty,
                Actor = context.Value(actor) ?? string.Empty,
                Purpose = context.Value(purpose) ?? string.Empty,
                PageSize = context.Value(paging.Size),
                PageToken = context.Value(paging.Token) ?? string.Empty,
            };
            if (context.Value(from) is { } start)
            {
                request.From = Timestamp.FromDateTimeOffset(start);
            }

            if (context.Value(to) is { } end)
            {
                request.To = Timestamp.FromDateTimeOffset(end);
            }

            var page = await context.Connection.Audit.QueryAuditAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(page, WritePage);
        }));
        return command;
    }

    private static Command Verify(GlobalOptions global)
    {
        var chain = new ChainOptions();
        var expect = new Option<string>("--expect-head")
        {
            Description = "SEQUENCE:HASH, the head an earlier verify printed: the chain must still reach it with the same event (a cut or rewritten tail is reported).",
        };
        var command = new Command("verify", "Walk a chain from its first event and report the first broken link (deleted, edited or reordered event, or a tail cut off).");
        chain.AddTo(command);
        command.Add(expect);
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new VerifyAuditChainRequest { TenantId = context.Value(chain.Tenant) ?? string.Empty, OperatorChain = context.Value(chain.Operator) };
            if (context.Value(expect) is { Length: > 0 } head)
            {
                var separator = head.IndexOf(':', StringComparison.Ordinal);
                if (separator <= 0 || !long.TryParse(head.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                {
                    throw new CliUsageException("--expect-head must be SEQUENCE:HASH, as the head line of an earlier verify shows it.");
                }

                request.ExpectedHeadSequence = sequence;
                request.ExpectedHeadHash = head[(separator + 1)..];
            }

            var reply = await context.Connection.Audit.VerifyAuditChainAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, WriteVerification);
            if (!reply.Intact)
            {
                throw new CliVerificationException($"audit chain {reply.Chain} is broken at sequence {reply.FirstBreak.Sequence}: {reply.FirstBreak.Detail}");
            }
        }));
        return command;
    }

    private static void WritePage(TextWriter output, QueryAuditResponse page)
    {
        foreach (var e in page.Events)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"#{e.Sequence} {ValueText.Instant(e.Time)} {e.Actor} {e.Action} {e.Status}{(e.Count > 1 ? $" count={e.Count}" : "")}{(e.Reason.Length > 0 ? $" reason={e.Reason}" : "")} purpose={Or(e.Purpose)} records={Or(string.Join(',', e.RecordIds))} subjects={Or(string.Join(',', e.SubjectIds))}{(e.ErasedSubjectRefs > 0 ? $" erased={e.ErasedSubjectRefs}" : "")} fields={Or(string.Join(',', e.Fields))} ip={Or(e.ClientIp)}"));
        }

        PageOptions.WriteFooter(output, page.Events.Count, "event", page.NextPageToken);
    }

    private static void WriteVerification(TextWriter output, VerifyAuditChainResponse reply) => TextBlock.Write(output,
    [
        ("chain", reply.Chain),
        ("intact", reply.Intact ? "yes" : "NO"),
        ("events checked", reply.EventsChecked.ToString(CultureInfo.InvariantCulture)),
        ("head", string.Create(CultureInfo.InvariantCulture, $"sequence {reply.HeadSequence}, hash {reply.HeadHash} (keep it: --expect-head {reply.HeadSequence}:{reply.HeadHash})")),
        ("retained from", reply.PrunedAt is null
            ? string.Create(CultureInfo.InvariantCulture, $"sequence {reply.RetainedFromSequence}")
            : string.Create(CultureInfo.InvariantCulture, $"sequence {reply.RetainedFromSequence}: {reply.PrunedReason}")),
        ("checkpoint", reply.CheckpointSequence == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"sequence {reply.CheckpointSequence} at {ValueText.Instant(reply.CheckpointTime)}")),
        ("first break", reply.FirstBreak is null ? "-" : $"{reply.FirstBreak.Kind} at sequence {reply.FirstBreak.Sequence}: {reply.FirstBreak.Detail}"),
    ]);

    private static string Or(string value) => value.Length == 0 ? "-" : value;

    /// <summary>Which chain: <c>--tenant T</c>, or <c>--operator-chain</c> (operator tokens only).</summary>
    private sealed class ChainOptions
    {
        public Option<string> Tenant { get; } = new("--tenant") { Description = "The tenant whose chain to read." };

        public Option<bool> Operator { get; } = new("--operator-chain") { Description = "The operator chain (actions that name no tenant)." };

        public void AddTo(Command command)
        {
            command.Add(Tenant);
            command.Add(Operator);
        }
    }
}
