using System.CommandLine;
using System.Globalization;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl disclosure record|list</c>: releases of data outside the platform, for the data-protection officer.</summary>
internal static class DisclosureCommands
{
    public static Command Create(GlobalOptions global)
    {
        var disclosure = new Command("disclosure", "Record and list disclosures of data to recipients outside the platform (needs subjects.rights).");
        disclosure.Add(Record(global));
        disclosure.Add(List(global));
        return disclosure;
    }

    private static Command Record(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var recipient = new Option<string>("--recipient") { Description = "The receiving organisation, never a person.", Required = true };
        var kind = new Option<string>("--kind") { Description = "service-provider, legal-authority or institution-transfer.", Required = true };
        kind.AcceptOnlyFromAmong("service-provider", "legal-authority", "institution-transfer");
        var basis = new Option<string>("--basis") { Description = "consent (with --consent), legal-obligation (with --reference) or contract.", Required = true };
        basis.AcceptOnlyFromAmong("consent", "legal-obligation", "contract");
        var consent = new Option<string?>("--consent") { Description = "The consent id, for --basis consent." };
        var reference = new Option<string?>("--reference") { Description = "The case or order number; required for --basis legal-obligation." };
        var purpose = new Option<string>("--purpose") { Description = "Why the data was released.", Required = true };
        var subjects = new Option<string[]>("--subject") { Description = "A subject disclosed (repeat for more; one on consent).", Required = true };
        var collections = new Option<string[]>("--collection") { Description = "A collection disclosed (repeat for more).", Required = true };
        var fields = new Option<string[]>("--field") { Description = "A field disclosed, collection.field (repeat for more)." };
        var command = new Command("record", "Record a release of data to a recipient outside the platform, with its legal basis.")
        {
            tenant, recipient, kind, basis, consent, reference, purpose, subjects, collections, fields,
        };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new RecordDisclosureRequest
            {
                TenantId = context.Required(tenant),
                Recipient = context.Required(recipient),
                RecipientKind = Enum.Parse<RecipientKind>(context.Required(kind).Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true),
                LegalBasis = Enum.Parse<LegalBasis>(context.Required(basis).Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true),
                ConsentId = context.Value(consent) ?? string.Empty,
                Reference = context.Value(reference) ?? string.Empty,
                Purpose = context.Required(purpose),
                SubjectIds = { context.Required(subjects) },
                Collections = { context.Required(collections) },
                Fields = { context.Value(fields) ?? [] },
            };
            context.Print(await context.Connection.SubjectRights.RecordDisclosureAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), Write);
        }));
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var subject = new Option<string?>("--subject") { Description = "Only disclosures naming this subject." };
        var paging = new PageOptions();
        var command = new Command("list", "List a tenant's disclosures, oldest recorded first, a page at a time.") { tenant, subject };
        paging.AddTo(command);
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.SubjectRights.ListDisclosuresAsync(new ListDisclosuresRequest
            {
                TenantId = context.Required(tenant),
                SubjectId = context.Value(subject) ?? string.Empty,
                PageSize = context.Value(paging.Size),
                PageToken = context.Value(paging.Token) ?? string.Empty,
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, (output, list) =>
            {
                foreach (var disclosure in list.Disclosures)
                {
                    Write(output, disclosure);
                    output.WriteLine();
                }

                PageOptions.WriteFooter(output, list.Disclosures.Count, "disclosure", list.NextPageToken);
            });
        }));
        return command;
    }

    private static void Write(TextWriter output, Disclosure d) => TextBlock.Write(output,
    [
        ("disclosure", d.DisclosureId),
        ("recipient", $"{d.Recipient} ({Name(d.RecipientKind.ToString())})"),
        ("basis", Name(d.LegalBasis.ToString()) + (d.ConsentId.Length > 0 ? $" {d.ConsentId}" : string.Empty) + (d.Reference.Length > 0 ? $" {d.Reference}" : string.Empty)),
        ("purpose", d.Purpose),
        ("subjects", string.Join(", ", d.SubjectIds)),
        ("fields", string.Join(", ", d.Fields.Count > 0 ? d.Fields : d.Collections)),
        ("disclosed at", d.DisclosedAt.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture)),
    ]);

    /// <summary><c>LegalObligation</c> as <c>legal-obligation</c>, as the options spell it.</summary>
    private static string Name(string value) =>
        string.Concat(value.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}
