using System.CommandLine;
using System.Globalization;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl key rotate|status|erase-subject</c>.</summary>
internal static class KeyCommands
{
    public static Command Create(GlobalOptions global)
    {
        var key = new Command("key", "Rotate a tenant's data key, follow the rotation, and erase a data subject by destroying its key.");
        key.Add(Rotate(global));
        key.Add(Status(global));
        key.Add(EraseSubject(global));
        return key;
    }

    private static Command Rotate(GlobalOptions global)
    {
        var id = new Argument<string>("tenant-id") { Description = "The tenant whose data key to rotate (needs tenants.admin)." };
        var command = new Command("rotate", "New writes use a new key version at once; a background job moves the rest and retires the old version.") { id };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var status = await context.Connection.Keys.RotateTenantKeyAsync(new RotateTenantKeyRequest { TenantId = context.Required(id) }, context.Call(cancellationToken))
                .ResponseAsync.ConfigureAwait(false);
            context.Print(status, WriteStatus);
        }));
        return command;
    }

    private static Command Status(GlobalOptions global)
    {
        var id = new Argument<string>("tenant-id") { Description = "The tenant whose rotation to show (needs tenants.admin)." };
        var command = new Command("status", "Show the current key version and the work left before older versions are retired.") { id };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var status = await context.Connection.Keys.GetRotationStatusAsync(new GetRotationStatusRequest { TenantId = context.Required(id) }, context.Call(cancellationToken))
                .ResponseAsync.ConfigureAwait(false);
            context.Print(status, WriteStatus);
        }));
        return command;
    }

    private static Command EraseSubject(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var subject = new Option<string>("--subject") { Description = "The data subject whose key to destroy.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why; kept in the shred ledger (never a personal value).", Required = true };
        var command = new Command("erase-subject", "Destroy one person's key (needs subjects.rights): their data becomes unreadable on every replica.") { tenant, subject, reason };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.Keys.EraseSubjectAsync(
                new EraseSubjectRequest { TenantId = context.Required(tenant), SubjectId = context.Required(subject), Reason = context.Required(reason) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, WriteShred);
        }));
        return command;
    }

    private static void WriteStatus(TextWriter output, RotationStatus status) => TextBlock.Write(output,
    [
        ("current", Version(status.Current)),
        ("retiring", status.Retiring.Count == 0 ? "-" : string.Join(", ", status.Retiring.Select(Version))),
        ("to rewrap", status.SubjectKeysToRewrap.ToString(CultureInfo.InvariantCulture) + " subject keys"),
        ("to re-encrypt", status.RecordsToReencrypt.ToString(CultureInfo.InvariantCulture) + " records"),
    ]);

    /// <summary>A shred reply; an offboarding's also names its request and its two operators.</summary>
    internal static void WriteShred(TextWriter output, ShredReply reply)
    {
        var lines = new List<(string Label, string Value)>();
        if (reply.OffboardingRequestId.Length > 0)
        {
            lines.AddRange([("offboarding request", reply.OffboardingRequestId), ("requested by", reply.RequestedBy), ("approved by", reply.ApprovedBy)]);
        }

        lines.AddRange(
        [
            ("destroyed keys", string.Join(", ", reply.KeyIds)),
            ("shredded at", ValueText.Instant(reply.ShreddedAt)),
            ("record backups age out by", ValueText.Instant(reply.RecordBackupsAgeOutBy)),
            ("key-vault backups age out by", ValueText.Instant(reply.KeyVaultBackupsAgeOutBy)),
            ("replicas", reply.InvalidationNote),
            ("replayed", reply.Replayed ? "yes (an earlier call destroyed the key)" : "no"),
        ]);
        TextBlock.Write(output, lines);
    }

    private static string Version(KeyVersion key) => string.Create(CultureInfo.InvariantCulture, $"{key.KeyId} (version {key.Version})");
}
