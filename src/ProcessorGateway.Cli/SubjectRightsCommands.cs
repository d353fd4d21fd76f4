using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl export subject|tenant</c> and <c>pgctl subject minor|consent-*|prefs|opt-out|opt-in</c>.</summary>
internal static class SubjectRightsCommands
{
    /// <summary>A large tenant takes a while to export: the stream gets at least this long, whatever --timeout says.</summary>
    private static readonly TimeSpan ExportDeadline = TimeSpan.FromHours(6);

    public static Command CreateExport(GlobalOptions global)
    {
        var export = new Command("export", "Export one data subject's data, or a whole tenant's, as NDJSON to a file, with progress on stderr.");
        export.Add(ExportSubject(global));
        export.Add(ExportTenant(global));
        return export;
    }

    public static Command CreateSubject(GlobalOptions global)
    {
        var subject = new Command("subject", "Minors, consents and communication preferences of a data subject (needs subjects.rights).");
        subject.Add(SetMinor(global));
        subject.Add(GrantConsent(global));
        subject.Add(WithdrawConsent(global));
        subject.Add(ListConsents(global));
        subject.Add(Preferences(global));
        subject.Add(SetPreference(global, "opt-out", allowed: false));
        subject.Add(SetPreference(global, "opt-in", allowed: true));
        return subject;
    }

    private static Command ExportSubject(GlobalOptions global)
    {
        var (tenant, subjectId) = TenantAndSubject();
        var purpose = new Option<string>("--purpose") { Description = "Why the export is made; the client must be registered for it.", Required = true };
        var output = OutputOption();
        var command = new Command("subject", "Everything held about one subject (needs subjects.rights).") { tenant, subjectId, purpose, output };
        command.SetAction(CommandRunner.Action(global, (context, cancellationToken) =>
        {
            var request = new ExportSubjectRequest { TenantId = context.Required(tenant), SubjectId = context.Required(subjectId), Purpose = context.Required(purpose) };
            return WriteAsync(context, context.Connection.SubjectRights.ExportSubject(request, ExportCall(cancellationToken)), context.Required(output), cancellationToken);
        }));
        return command;
    }

    private static Command ExportTenant(GlobalOptions global)
    {
        var tenant = new Argument<string>("tenant-id") { Description = "The tenant (tenants.admin, or subjects.rights for its own client)." };
        var output = OutputOption();
        var command = new Command("tenant", "The whole institution: records decrypted, schemas, profiles, consents and preferences.") { tenant, output };
        command.SetAction(CommandRunner.Action(global, (context, cancellationToken) =>
        {
            return WriteAsync(context, context.Connection.SubjectRights.ExportTenant(new ExportTenantRequest { TenantId = context.Required(tenant) }, ExportCall(cancellationToken)),
                context.Required(output), cancellationToken);
        }));
        return command;
    }

    private static Command SetMinor(GlobalOptions global)
    {
        var (tenant, subjectId) = TenantAndSubject();
        var minor = new Option<bool>("--minor") { Description = "Flag the subject as a minor (--minor false to clear)." };
        var command = new Command("minor", "Flag a subject as a minor or not: a minor's personal fields are read only under a live consent.") { tenant, subjectId, minor };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.SubjectRights.SetSubjectProfileAsync(new SetSubjectProfileRequest
            {
                TenantId = context.Required(tenant), SubjectId = context.Required(subjectId), Minor = context.Value(minor),
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, (o, p) => TextBlock.Write(o, [("subject", p.SubjectId), ("minor", p.Minor ? "yes" : "no")]));
        }));
        return command;
    }

    private static Command GrantConsent(GlobalOptions global)
    {
        var (tenant, subjectId) = TenantAndSubject();
        var purposes = new Option<string[]>("--purpose") { Description = "A purpose the consent covers (repeat for more).", Required = true, AllowMultipleArgumentsPerToken = false };
        var grantor = new Option<string?>("--granted-by") { Description = "Who granted it (e.g. the guardian's name); stored encrypted." };
        var relationship = new Option<string?>("--relationship") { Description = "The grantor's relationship to the subject (parent, guardian, self)." };
        var days = new Option<int?>("--expires-in-days") { Description = "Days until the consent expires; none: no expiry." };
        var command = new Command("consent-grant", "Record a consent covering purposes, with who granted it and an expiry.") { tenant, subjectId, purposes, grantor, relationship, days };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new GrantConsentRequest { TenantId = context.Required(tenant), SubjectId = context.Required(subjectId), Purposes = { context.Required(purposes) } };
            if (context.Value(grantor) is { } name)
            {
                request.GrantedBy = new ConsentGrantor { Name = name, Relationship = context.Value(relationship) ?? string.Empty };
            }

            if (context.Value(days) is { } expiry)
            {
                request.ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(expiry));
            }

            context.Print(await context.Connection.SubjectRights.GrantConsentAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), WriteConsent);
        }));
        return command;
    }

    private static Command WithdrawConsent(GlobalOptions global)
    {
        var (tenant, subjectId) = TenantAndSubject();
        var consent = new Option<string>("--consent") { Description = "The consent id.", Required = true };
        var command = new Command("consent-withdraw", "Withdraw a consent: from now on it covers nothing.") { tenant, subjectId, consent };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.SubjectRights.WithdrawConsentAsync(new WithdrawConsentRequest
            {
                TenantId = context.Required(tenant), SubjectId = context.Required(subjectId), ConsentId = context.Required(consent),
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), WriteConsent)));
        return command;
    }

    private static Command ListConsents(GlobalOptions global)
    {
        var (tenant, subjectId) = TenantAndSubject();
        var command = new Command("consents", "List a subject's consents.") { tenant, subjectId };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.SubjectRights.ListConsentsAsync(new ListConsentsRequest
            {
                TenantId = context.Required(tenant), SubjectId = context.Required(subjectId),
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), (o, r) =>
            {
                foreach (var consent in r.Consents)
                {
                    WriteConsent(o, consent);
                    o.WriteLine();
                }
            })));
        return command;
    }

    private static Command Preferences(GlobalOptions global)
    {
        var (tenant, subjectId) = TenantAndSubject();
        var command = new Command("prefs", "Show a subject's communication preferences.") { tenant, subjectId };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.SubjectRights.GetCommunicationPreferencesAsync(new GetCommunicationPreferencesRequest
            {
                TenantId = context.Required(tenant), SubjectId = context.Required(subjectId),
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), (o, r) =>
                TextBlock.Write(o, r.Preferences.Select(p => ($"{p.Channel}/{p.Category}", p.Allowed ? "allowed" : "opted out")).ToList()))));
        return command;
    }

    private static Command SetPreference(GlobalOptions global, string name, bool allowed)
    {
        var (tenant, subjectId) = TenantAndSubject();
        var channel = new Option<string>("--channel") { Description = "sms, whatsapp or email.", Required = true };
        var category = new Option<string>("--category") { Description = "attendance, fees, academic, events, marketing (emergency cannot be opted out of).", Required = true };
        var command = new Command(name, allowed ? "Accept messages of a category on a channel again." : "Stop messages of a category on a channel.") { tenant, subjectId, channel, category };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.SubjectRights.SetCommunicationPreferenceAsync(new SetCommunicationPreferenceRequest
            {
                TenantId = context.Required(tenant), SubjectId = context.Required(subjectId), Channel = context.Required(channel),
                Category = context.Required(category), Allowed = allowed,
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), (o, p) =>
                TextBlock.Write(o, [($"{p.Channel}/{p.Category}", p.Allowed ? "allowed" : "opted out")]))));
        return command;
    }

    /// <summary>Writes the chunks to the file as they come, with one progress line on stderr rewritten in place.</summary>
    private static async Task WriteAsync(CommandContext context, AsyncServerStreamingCall<ExportChunk> call, string path, CancellationToken cancellationToken)
    {
        using (call)
        {
            var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                long bytes = 0, done = 0, total = 0;
                await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await file.WriteAsync(chunk.Ndjson.Memory, cancellationToken).ConfigureAwait(false);
                    (bytes, done, total) = (bytes + chunk.Ndjson.Length, chunk.RecordsDone, chunk.RecordsTotal);

                    // With --json, stderr carries nothing but an error, so a script can read it as one.
                    if (!context.Json)
                    {
                        await context.Error.WriteAsync(Progress(done, total, bytes)).ConfigureAwait(false);
                    }
                }

                if (!context.Json)
                {
                    await context.Error.WriteLineAsync().ConfigureAwait(false);
                }

                context.Print(
                    json =>
                    {
                        json.WriteStartObject();
                        json.WriteString("path", Path.GetFullPath(path));
                        json.WriteNumber("records_done", done);
                        json.WriteNumber("records_total", total);
                        json.WriteNumber("bytes", bytes);
                        json.WriteEndObject();
                    },
                    text => text.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {done} of {total} records, {bytes} bytes, to {path}")));
            }
        }
    }

    private static string Progress(long done, long total, long bytes)
    {
        const int Width = 30;
        var share = total == 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)(share * Width);
        return string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} records {share:P0} {bytes / 1024} KiB");
    }

    private static CallOptions ExportCall(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow + ExportDeadline, cancellationToken: cancellationToken);

    private static (Option<string> Tenant, Option<string> Subject) TenantAndSubject() =>
        (new Option<string>("--tenant") { Description = "The tenant.", Required = true },
         new Option<string>("--subject") { Description = "The data subject's id.", Required = true });

    private static Option<string> OutputOption() => new("--output", "-o") { Description = "The file to write (NDJSON).", Required = true };

    private static void WriteConsent(TextWriter output, Consent consent) => TextBlock.Write(output,
    [
        ("consent", consent.ConsentId),
        ("purposes", string.Join(", ", consent.Purposes)),
        ("granted by", consent.GrantedBy is null ? "-" : $"{consent.GrantedBy.Name} ({consent.GrantedBy.Relationship})"),
        ("granted at", ValueText.Instant(consent.GrantedAt)),
        ("expires at", consent.ExpiresAt is null ? "never" : ValueText.Instant(consent.ExpiresAt)),
        ("live", consent.Live ? "yes" : "no"),
    ]);
}
