using System.CommandLine;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl record put|get|query</c>. Values are typed by the collection's current schema.</summary>
internal static class RecordCommands
{
    public static Command Create(GlobalOptions global)
    {
        var record = new Command("record", "Write and read records. Every call names a purpose; fields it may not read come back masked.");
        record.Add(Put(global));
        record.Add(Get(global));
        record.Add(Query(global));
        return record;
    }

    private static Command Put(GlobalOptions global)
    {
        var target = new RecordTarget();
        var subject = new Option<string>("--subject") { Description = "The person the record is about (student, guardian, staff member)." };
        var fields = new Option<string[]>("--field")
        {
            Description = "name=value, once per field. Typed by the schema: string, int64, double, bool, timestamp (ISO 8601), string_list (a,b,c), bytes (base64).",
            HelpName = "name=value",
        };
        var expectedVersion = new Option<long>("--expected-version") { Description = "0 (default) creates and is refused if the record exists; N replaces version N." };
        var idempotencyKey = new Option<string>("--idempotency-key") { Description = "A retry with the same key returns the first result and writes nothing again." };
        var command = new Command("put", "Create or replace a record.");
        target.AddTo(command, withRecordId: true);
        command.Add(subject);
        command.Add(fields);
        command.Add(expectedVersion);
        command.Add(idempotencyKey);
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var schema = await GetSchemaAsync(context, target, cancellationToken).ConfigureAwait(false);
            var request = new PutRecordRequest
            {
                TenantId = context.Required(target.Tenant),
                Collection = context.Required(target.Collection),
                RecordId = context.Required(target.RecordId),
                SubjectId = context.Value(subject) ?? string.Empty,
                Purpose = context.Required(target.Purpose),
                ExpectedVersion = context.Value(expectedVersion),
                IdempotencyKey = context.Value(idempotencyKey) ?? string.Empty,
            };
            request.Fields.Add(FieldValueParser.ParseFields(context.Value(fields) ?? [], schema));
            var result = await context.Connection.Records.PutRecordAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(result, (output, reply) => RecordText.WriteWrite(output, reply, request.Collection));
        }));
        return command;
    }

    private static Command Get(GlobalOptions global)
    {
        var target = new RecordTarget();
        var command = new Command("get", "Read one record, masked for the purpose.");
        target.AddTo(command, withRecordId: true);
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new GetRecordRequest
            {
                TenantId = context.Required(target.Tenant),
                Collection = context.Required(target.Collection),
                RecordId = context.Required(target.RecordId),
                Purpose = context.Required(target.Purpose),
            };
            var record = await context.Connection.Records.GetRecordAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(record, RecordText.Write);
        }));
        return command;
    }

    private static Command Query(GlobalOptions global)
    {
        var target = new RecordTarget();
        var subject = new Option<string>("--subject") { Description = "Only this subject's records." };
        var where = new Option<string[]>("--where")
        {
            Description = "name=value equality on a plain or personal_searchable field; all must match. A string_list field matches when it holds the value.",
            HelpName = "name=value",
        };
        var name = new Option<string>("--name")
        {
            Description = "field=text: records whose name field (one with name_search) has words starting with the words of text, in order (docs/search.md).",
            HelpName = "field=text",
        };
        var paging = new PageOptions();
        var command = new Command("query", "Find records by equality or by the first letters of a name, a page at a time, ordered by record id.");
        target.AddTo(command, withRecordId: false);
        command.Add(subject);
        command.Add(where);
        command.Add(name);
        paging.AddTo(command);
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new QueryRecordsRequest
            {
                TenantId = context.Required(target.Tenant),
                Collection = context.Required(target.Collection),
                SubjectId = context.Value(subject) ?? string.Empty,
                Purpose = context.Required(target.Purpose),
                PageSize = context.Value(paging.Size),
                PageToken = context.Value(paging.Token) ?? string.Empty,
            };
            if (context.Value(name) is { } prefix)
            {
                var split = prefix.IndexOf('=', StringComparison.Ordinal);
                request.NamePrefix = split > 0
                    ? new NamePrefixFilter { Field = prefix[..split], Text = prefix[(split + 1)..] }
                    : throw new CliUsageException($"--name '{prefix}' is not field=text, e.g. --name full_name=\"maria jo\"");
            }

            var filters = context.Value(where) ?? [];
            if (filters.Length > 0)
            {
                var schema = await GetSchemaAsync(context, target, cancellationToken).ConfigureAwait(false);
                request.Filters.AddRange(FieldValueParser.ParseFilters(filters, schema));
            }

            var reply = await context.Connection.Records.QueryRecordsAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, RecordText.WriteQuery);
        }));
        return command;
    }

    private static Task<CollectionSchema> GetSchemaAsync(CommandContext context, RecordTarget target, CancellationToken cancellationToken)
    {
        var request = new GetSchemaRequest { TenantId = context.Required(target.Tenant), Collection = context.Required(target.Collection) };
        return context.Connection.Schemas.GetSchemaAsync(request, context.Call(cancellationToken)).ResponseAsync;
    }
}
