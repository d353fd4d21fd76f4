using System.CommandLine;
using System.Globalization;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl erasure request|verify|list|show</c>: erasure requests on their deadline.</summary>
internal static class ErasureCommands
{
    public static Command Create(GlobalOptions global)
    {
        var erasure = new Command("erasure", "Erasure requests: record one, verify it, list what is due or overdue, and show a request with its signed receipt.");
        erasure.Add(Request(global));
        erasure.Add(Verify(global));
        erasure.Add(List(global));
        erasure.Add(Show(global));
        erasure.Add(CalendarCommands.Create(global));
        return erasure;
    }

    private static Command Request(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var subject = new Option<string?>("--subject") { Description = "The data subject to erase; without it, the whole tenant (operator only)." };
        var reason = new Option<string>("--reason") { Description = "Why (never a personal value).", Required = true };
        var contact = new Option<string?>("--contact") { Description = "The requester's e-mail address, to send the confirmation or refusal to (kept encrypted until then)." };
        var command = new Command("request",
            "Record an erasure request (needs subjects.rights): one part per data class of the collections holding the subject's records, each with its own deadline; a whole tenant's is refused at once, with the reason, if records are held.")
        {
            tenant, subject, reason, contact,
        };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var subjectId = context.Value(subject);
            var reply = await context.Connection.Erasure.RequestErasureAsync(new RequestErasureRequest
            {
                TenantId = context.Required(tenant),
                Scope = string.IsNullOrEmpty(subjectId) ? ErasureScope.Tenant : ErasureScope.Subject,
                SubjectId = subjectId ?? string.Empty,
                Reason = context.Required(reason),
                ContactAddress = context.Value(contact) ?? string.Empty,
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, Write);
        }));
        return command;
    }

    private static Command Verify(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var id = new Argument<string>("request-id") { Description = "The request whose requester was verified." };
        var note = new Option<string>("--note") { Description = "What was checked (identity, authority), up to 500 characters; never a personal value.", Required = true };
        var command = new Command("verify",
            "Mark a request verified, recording you and what you checked: each part then executes after the grace period, before its deadline (institution-managed data is due the tenant's period after verification).")
        {
            tenant, id, note,
        };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.Erasure.VerifyErasureAsync(new VerifyErasureRequest
            {
                TenantId = context.Required(tenant), RequestId = context.Required(id), Note = context.Required(note),
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), Write)));
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var id = new Argument<string>("request-id") { Description = "The request." };
        var receiptOut = new Option<FileInfo?>("--receipt-out") { Description = "Write the signed receipt (JWS) to this file, for 'pgctl receipt verify'." };
        var command = new Command("show", "Show a request: its verification, each part's deadline and state, refusal reason or signed receipt.") { tenant, id, receiptOut };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.Erasure.GetErasureRequestAsync(new GetErasureRequestRequest { TenantId = context.Required(tenant), RequestId = context.Required(id) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            if (context.Value(receiptOut) is { } file && reply.Receipt.Length > 0)
            {
                await File.WriteAllTextAsync(file.FullName, reply.Receipt, cancellationToken).ConfigureAwait(false);
            }

            context.Print(reply, Write);
        }));
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var state = new Option<string?>("--state") { Description = "received, verified, executing, executed, purged or refused." };
        state.AcceptOnlyFromAmong("received", "verified", "executing", "executed", "purged", "refused");
        var dueSoon = new Option<bool>("--due-soon") { Description = "Open requests whose next deadline (verification's, or a part's) is within the due-soon window." };
        var overdue = new Option<bool>("--overdue") { Description = "Open requests past a deadline: verification's or a part's." };
        var paging = new PageOptions();
        var command = new Command("list", "List a tenant's erasure requests, oldest first, a page at a time.") { tenant, state, dueSoon, overdue };
        paging.AddTo(command);
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.Erasure.ListErasureRequestsAsync(new ListErasureRequestsRequest
            {
                TenantId = context.Required(tenant),
                State = context.Value(state) is { } s ? Enum.Parse<ErasureState>(s, ignoreCase: true) : ErasureState.Unspecified,
                DueSoon = context.Value(dueSoon),
                Overdue = context.Value(overdue),
                PageSize = context.Value(paging.Size),
                PageToken = context.Value(paging.Token) ?? string.Empty,
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, (output, list) =>
            {
                foreach (var request in list.Requests)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{request.RequestId}  {Name(request.State),-9}  {(request.SubjectId.Length > 0 ? request.SubjectId : "(tenant)"),-24}  {NextDeadline(request)}  parts {string.Join(',', request.Parts.Select(PartSummary))}{(request.Overdue ? "  OVERDUE" : string.Empty)}"));
                }

                PageOptions.WriteFooter(output, list.Requests.Count, "request", list.NextPageToken);
            });
        }));
        return command;
    }

    private static string Name(ErasureState state) => state.ToString().ToLowerInvariant();

    private static string ClassName(DataClass dataClass) => dataClass == DataClass.InstitutionManaged ? "institution" : "personal";

    /// <summary>Verification's deadline while unverified, else the earliest open part's.</summary>
    private static string NextDeadline(ErasureRequest r) => r.State == ErasureState.Received && r.VerificationDueAt is not null
        && (r.DueAt is null || r.VerificationDueAt.ToDateTimeOffset() < r.DueAt.ToDateTimeOffset())
        ? $"verify by {ValueText.Instant(r.VerificationDueAt)}"
        : $"due {ValueText.Instant(r.DueAt)}";

    private static string PartSummary(ErasurePart p) => $"{ClassName(p.DataClass)}:{Name(p.State)}{(p.Overdue ? "!" : string.Empty)}";

    private static string PartLine(ErasurePart p) => string.Create(CultureInfo.InvariantCulture,
        $"{Name(p.State)}, due {(p.DueAt is null ? "- (from verification)" : ValueText.Instant(p.DueAt))}, executes after {(p.ExecuteAfter is null ? "-" : ValueText.Instant(p.ExecuteAfter))}, executed {(p.ExecutedAt is null ? "-" : ValueText.Instant(p.ExecutedAt))}{(p.Overdue ? " (OVERDUE)" : string.Empty)}; collections {(p.Collections.Count == 0 ? "-" : string.Join(',', p.Collections))}; records {(p.RecordCounts.Count == 0 ? "-" : string.Join(',', p.RecordCounts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")))}");

    private static void Write(TextWriter output, ErasureRequest r) => TextBlock.Write(output,
    [
        ("request", r.RequestId),
        ("target", r.SubjectId.Length > 0 ? $"subject {r.SubjectId}" : "the whole tenant"),
        ("state", Name(r.State) + (r.Overdue ? " (OVERDUE)" : string.Empty)),
        ("received", ValueText.Instant(r.ReceivedAt)),
        ("verify by", r.VerificationDueAt is null ? "-" : ValueText.Instant(r.VerificationDueAt)),
        ("verified", r.VerifiedAt is null ? "-" : $"{ValueText.Instant(r.VerifiedAt)} by {r.VerifiedBy}: {r.VerificationNote}"),
        ("due", r.DueAt is null ? "- (from verification)" : ValueText.Instant(r.DueAt)),
        .. r.Parts.Select(p => ($"{ClassName(p.DataClass)} part", PartLine(p))),
        ("executed", r.ExecutedAt is null ? "-" : ValueText.Instant(r.ExecutedAt)),
        ("refused because", r.RefusalReason.Length > 0 ? r.RefusalReason : "-"),
        (r.State == ErasureState.Refused ? "blocked by" : "kept", r.BlockedRecords.Count == 0 ? "-" : string.Join("; ", r.BlockedRecords.Select(b =>
            $"{b.Collection}/{b.RecordId} by {b.HeldBy} ({b.Reason})" + (b.RetainedUntil is null ? string.Empty : $" until {ValueText.Instant(b.RetainedUntil)}")))),
        ("receipt", r.Receipt.Length > 0 ? r.Receipt : "-"),
        ("requester", r.ContactOnFile ? "address on file (encrypted)" : r.NobodyToNotify ? "nobody to notify" : "-"),
        ("notifications", r.Notifications.Count == 0 ? "-" : string.Join("; ", r.Notifications.Select(NotificationCommands.Line))),
    ]);
}
