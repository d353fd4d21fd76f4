using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl schema list|get|templates|define</c>: what a tenant's collections hold and how each field is protected.</summary>
internal static class SchemaCommands
{
    public static Command Create(GlobalOptions global)
    {
        var schema = new Command("schema", "Read collection schemas and the education templates, and define a new schema version (needs schemas.admin).");
        schema.Add(List(global));
        schema.Add(Get(global));
        schema.Add(Templates(global));
        schema.Add(Define(global));
        return schema;
    }

    private static Command List(GlobalOptions global)
    {
        var tenant = TenantOption();
        var command = new Command("list", "List the current version of every collection schema of a tenant.") { tenant };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.Schemas.ListSchemasAsync(new ListSchemasRequest { TenantId = context.Required(tenant) }, context.Call(cancellationToken))
                .ResponseAsync.ConfigureAwait(false);
            context.Print(reply, (output, list) =>
            {
                foreach (var schema in list.Schemas)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{schema.Collection,-16} version {schema.Version,-3} {schema.Fields.Count} fields  created {ValueText.Instant(schema.CreatedAt)}"));
                }
            });
        }));
        return command;
    }

    private static Command Get(GlobalOptions global)
    {
        var tenant = TenantOption();
        var collection = CollectionOption();
        var version = new Option<int>("--version") { Description = "A past version; default: the current one." };
        var command = new Command("get", "Show a collection's schema: each field's type, class, purposes and retention.") { tenant, collection, version };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new GetSchemaRequest { TenantId = context.Required(tenant), Collection = context.Required(collection), Version = context.Value(version) };
            var schema = await context.Connection.Schemas.GetSchemaAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(schema, WriteSchema);
        }));
        return command;
    }

    private static Command Templates(GlobalOptions global)
    {
        var command = new Command("templates", "List the built-in education templates and their fields (what 'tenant create --template' defines).");
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.Schemas.ListTemplatesAsync(new ListTemplatesRequest(), context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, (output, list) =>
            {
                foreach (var template in list.Templates)
                {
                    output.WriteLine($"{template.Collection} ({DataClassName(template.DataClass)})");
                    WriteFields(output, template.Fields);
                    output.WriteLine();
                }
            });
        }));
        return command;
    }

    private static Command Define(GlobalOptions global)
    {
        var tenant = TenantOption();
        var collection = CollectionOption();
        var file = new Argument<FileInfo>("file")
        {
            Description = """A JSON file {"fields": [{"name": "...", "type": "FIELD_TYPE_STRING", "field_class": "FIELD_CLASS_PERSONAL", "purposes": ["..."]}, ...]}, as 'schema get --json' prints them.""",
        };
        var expected = new Option<int>("--expected-version") { Description = "The current version (0, the default, for a new collection); a mismatch is refused." };
        var dataClass = new Option<string?>("--data-class")
        {
            Description = "personal (the person's own account data: erased within 7 business days of a request) or institution (institution-managed: the tenant's period after verification); without it, unclassified (the personal rule).",
        };
        dataClass.AcceptOnlyFromAmong("personal", "institution");
        var command = new Command("define", "Define a new version of a collection schema from a JSON file of fields.") { tenant, collection, file, expected, dataClass };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = await ReadFieldsAsync(context.Required(file), cancellationToken).ConfigureAwait(false);
            request.TenantId = context.Required(tenant);
            request.Collection = context.Required(collection);
            request.ExpectedVersion = context.Value(expected);
            request.DataClass = context.Value(dataClass) switch
            {
                "personal" => DataClass.PersonalAccount,
                "institution" => DataClass.InstitutionManaged,
                _ => DataClass.Unspecified,
            };
            var schema = await context.Connection.Schemas.DefineSchemaAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(schema, WriteSchema);
        }));
        return command;
    }

    /// <summary>The file's fields; a schema printed by 'schema get --json' reads back as is (its other keys are ignored).</summary>
    private static async Task<DefineSchemaRequest> ReadFieldsAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        try
        {
            var schema = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true)).Parse<CollectionSchema>(text);
            return new DefineSchemaRequest { Fields = { schema.Fields } };
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new CliUsageException($"{file.FullName} is not a JSON object with a \"fields\" list: {ex.Message}", ex);
        }
    }

    private static void WriteSchema(TextWriter output, CollectionSchema schema)
    {
        TextBlock.Write(output,
        [
            ("collection", schema.Collection),
            ("tenant", schema.TenantId),
            ("version", schema.Version.ToString(CultureInfo.InvariantCulture)),
            ("data class", DataClassName(schema.DataClass)),
            ("created", ValueText.Instant(schema.CreatedAt)),
        ]);
        output.WriteLine("fields");
        WriteFields(output, schema.Fields);
    }

    private static void WriteFields(TextWriter output, IEnumerable<FieldDefinition> fields) =>
        TextBlock.Write(output, fields.Select(f => (f.Name, string.Create(CultureInfo.InvariantCulture,
            $"{FieldValueParser.TypeName(f.Type)} {ClassName(f.FieldClass)}{Options(f)}{(f.Required ? " required" : string.Empty)} purposes={(f.Purposes.Count == 0 ? "any" : string.Join(',', f.Purposes))}{Writes(f)}{(f.RetentionDays > 0 ? $" retention={f.RetentionDays}d" : string.Empty)}"))).ToList(),
            indent: "  ");

    /// <summary>Shown only when a write list narrows the readers; otherwise the purposes above write the field too.</summary>
    private static string Writes(FieldDefinition field) =>
        field.WritePurposes.Count == 0 ? string.Empty : $" writes={string.Join(',', field.WritePurposes)}";

    /// <summary>Only what departs from the class's default is shown: an encrypted field is padded unless it says otherwise.</summary>
    private static string Options(FieldDefinition field) =>
        (field.NameSearch ? " name_search" : string.Empty) + (field.LengthHiding == LengthHiding.Off ? " length_hiding=off" : string.Empty);

    private static string ClassName(FieldClass fieldClass) => fieldClass switch
    {
        FieldClass.Plain => "plain",
        FieldClass.Personal => "personal",
        FieldClass.PersonalSearchable => "personal_searchable",
        FieldClass.Sensitive => "sensitive",
        _ => "unspecified",
    };

    private static string DataClassName(DataClass dataClass) => dataClass switch
    {
        DataClass.PersonalAccount => "personal account",
        DataClass.InstitutionManaged => "institution-managed",
        _ => "unclassified (personal-account rule)",
    };

    private static Option<string> TenantOption() => new("--tenant") { Description = "The tenant.", Required = true };

    private static Option<string> CollectionOption() => new("--collection") { Description = "The collection, e.g. students.", Required = true };
}
