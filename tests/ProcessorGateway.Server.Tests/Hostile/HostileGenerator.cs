using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Validation;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Seeded generator of malformed requests for every RPC: wire-level garbage for any method, hostile
/// identifiers in every identifier-like string field, and record-level defects (field names with
/// <c>$</c>, <c>.</c> or NUL, oversized values, unknown collections and tenants, forged page tokens,
/// replayed idempotency keys with another body, huge batches of bad rows), messages over the size limit,
/// forged credentials, and a tenant-bound token reaching for another tenant. One <see cref="Random"/> runs
/// through every stretch of a run, so a seed and a count replay it exactly.
/// </summary>
internal sealed class HostileGenerator(Random random, IReadOnlyList<MethodDescriptor> methods, HostileTarget target)
{
    private static readonly string[] IdentifierFields = ["tenant_id", "collection", "record_id", "subject_id", "purpose", "idempotency_key", "page_token", "client_id", "hold_id", "request_id"];

    /// <summary>Over the request size limit by one byte, by a mebibyte, and at grpc-dotnet's ceiling: built once, sent often.</summary>
    private static readonly Lazy<byte[][]> OversizedMessages = new(() =>
        [Oversized(Limits.MaxRequestMessageBytes + 1), Oversized(Limits.MaxRequestMessageBytes + (1024 * 1024)), Oversized(2 * Limits.MaxRequestMessageBytes)]);

    /// <summary>One batch of more rows than a batch may hold in every this many requests: each costs as much as a thousand others.</summary>
    private const int HugeBatchEvery = 10_000;

    private readonly Random _random = random;
    private readonly CrossTenantRequests _crossTenant = new(random, target);
    private readonly Lazy<List<byte[]>> _hugeBatch = new(() => HugeBatch(target));

    /// <summary>
    /// The requests numbered <paramref name="from"/> onwards, round robin over the methods. About 5% carry forged
    /// credentials, 6% a tenant-bound token naming the other tenant, 6% a tenant-bound token and one of the
    /// operator's defects, 0.25% a message over the size limit, one in 10,000 a huge batch; the rest are the operator's.
    /// </summary>
    public IEnumerable<HostileRequest> Generate(int from, int count)
    {
        for (var index = from; index < from + count; index++)
        {
            // Round robin over the methods, so every RPC gets its share whatever the count.
            var method = methods[index % methods.Count];
            var share = _random.Next(400);
            if (index % HugeBatchEvery == HugeBatchEvery / 2)
            {
                yield return new HostileRequest(index, methods.Single(m => m.Name == "BatchPutRecords"), "huge batch of bad rows", _hugeBatch.Value);
            }
            else if (share < 20)
            {
                var (defect, header) = ForgedCredentials.Make(_random, target.TenantToken);
                var message = method.InputType.Parser.ParseFrom([]).ToByteArray();
                yield return new HostileRequest(index, method, defect, [message])
                    { Caller = HostileCaller.Forged, Authorization = header, Expected = StatusCode.Unauthenticated };
            }
            else if (share < 44 && _crossTenant.Make(index, method) is { } cross)
            {
                yield return cross;
            }
            else if (share == 399)
            {
                var messages = OversizedMessages.Value;
                var message = messages[_random.Next(messages.Length)];
                yield return new HostileRequest(index, method, $"message of {message.Length} bytes", [message]) { Expected = StatusCode.InvalidArgument };
            }
            else
            {
                var request = Malformed(index, method);
                yield return share < 68 ? request with { Caller = HostileCaller.TenantBound } : request;
            }
        }
    }

    private HostileRequest Malformed(int index, MethodDescriptor method)
    {
        var roll = _random.Next(10);
        if (method.Service.Name == RecordService.Descriptor.Name && roll < 5)
        {
            return RecordDefect(index, method);
        }

        if (roll < 7 && IdentifierField(method.InputType) is { } field)
        {
            var (defect, value) = HostileIdentifier(field.Name);
            var message = method.InputType.Parser.ParseFrom([]);
            field.Accessor.SetValue(message, value);
            return Stream(index, method, $"{field.Name}: {defect}", message.ToByteArray());
        }

        var wire = WireDefects.Names[_random.Next(WireDefects.Names.Length)];
        return Stream(index, method, wire, WireDefects.Make(wire, method.InputType, _random));
    }

    private FieldDescriptor? IdentifierField(MessageDescriptor input)
    {
        var fields = input.Fields.InFieldNumberOrder()
            .Where(f => f.FieldType == Google.Protobuf.Reflection.FieldType.String && !f.IsRepeated && !f.IsMap && IdentifierFields.Contains(f.Name))
            .ToList();
        return fields.Count == 0 ? null : fields[_random.Next(fields.Count)];
    }

    private (string Defect, string Value) HostileIdentifier(string field) => _random.Next(field == "page_token" ? 9 : 7) switch
    {
        0 => ("dollar", "$" + Word()),
        1 => ("dot", Word() + "." + Word()),
        2 => ("NUL", Word() + "\0" + Word()),
        3 => ("oversized", new string('a', 129 + _random.Next(70_000))),
        4 => ("control character", Word() + "\n\u0007"),
        5 => ("non-ASCII", Word() + "\u00e9\u202e"),
        6 => ("slash and space", Word() + "/ " + Word()),
        7 => ("forged page token", Convert.ToBase64String(RandomBytes(8 + _random.Next(64)))),
        _ => ("page token not base64", "!!" + Word() + "=="),
    };

    private HostileRequest RecordDefect(int index, MethodDescriptor method) => method.Name switch
    {
        "PutRecord" => Put(index, method),
        "BatchPutRecords" => Batch(index, method),
        "GetRecord" => Get(index, method),
        "QueryRecords" => Query(index, method),
        "UpdateRecord" => Update(index, method),
        "DeleteRecord" => Delete(index, method),
        _ => Stream(index, method, "truncated length-delimited field", WireDefects.Make("truncated length-delimited field", method.InputType, _random)),
    };

    private (string Defect, PutRecordRequest Request) BadPut()
    {
        var put = target.NewStudent("hostile-" + _random.Next(1000));
        switch (_random.Next(9))
        {
            case 0:
                var key = _random.Next(5) switch { 0 => "$set", 1 => "full_name.first", 2 => "full\0name", 3 => "", _ => new string('f', 65 + _random.Next(1000)) };
                put.Fields[key] = new Value { StringValue = Word() };
                return ($"field name {Printable(key)}", put);
            case 1:
                put.Fields["full_name"] = new Value { StringValue = new string('x', Limits.MaxStringValueBytes + 1 + _random.Next(200_000)) };
                return ("oversized string value", put);
            case 2:
                put.Collection = "nosuch" + Word();
                return ("unknown collection", put);
            case 3:
                put.TenantId = "ghost-" + Word();
                return ("unknown tenant", put);
            case 4:
                put.RecordId = HostileTarget.StoredRecordId;
                put.IdempotencyKey = HostileTarget.StoredIdempotencyKey;
                put.ExpectedVersion = 0;
                put.Fields["grade_level"] = new Value { StringValue = "replayed-" + Word() };
                return ("replayed idempotency key, different body", put);
            case 5:
                put.Fields["grade_level"] = new Value { Int64Value = _random.NextInt64() };
                return ("wrong value type", put);
            case 6:
                put.Fields["no_such_field_" + Word()] = new Value { StringValue = Word() };
                return ("unknown field", put);
            case 7:
                put.Fields.Remove("full_name");
                put.Purpose = string.Empty;
                return ("missing purpose and required field", put);
            default:
                put.ExpectedVersion = -1 - _random.Next(1000);
                return ("negative expected version", put);
        }
    }

    private HostileRequest Put(int index, MethodDescriptor method)
    {
        var (defect, put) = BadPut();
        return Stream(index, method, defect, put.ToByteArray());
    }

    private HostileRequest Batch(int index, MethodDescriptor method)
    {
        var messages = new List<byte[]>();
        var defects = new List<string>();
        for (var i = 0; i < 1 + _random.Next(20); i++)
        {
            var (defect, put) = BadPut();
            defects.Add(defect);
            messages.Add(new BatchPutRecordsRequest { Item = put }.ToByteArray());
        }

        if (_random.Next(3) == 0)
        {
            var defect = WireDefects.Names[_random.Next(WireDefects.Names.Length)];
            defects.Add(defect);
            messages.Add(WireDefects.Make(defect, method.InputType, _random));
        }

        return new HostileRequest(index, method, "batch: " + string.Join(", ", defects), messages);
    }

    /// <summary>More rows than a batch may hold, every one of them bad (a field named $set).</summary>
    private static List<byte[]> HugeBatch(HostileTarget target) =>
        Enumerable.Range(0, Limits.MaxBatchItems + 50).Select(i =>
        {
            var row = target.NewStudent($"huge-{i}");
            row.Fields["$set"] = new Value { StringValue = "x" };
            return new BatchPutRecordsRequest { Item = row }.ToByteArray();
        }).ToList();

    /// <summary>A message of exactly <paramref name="size"/> bytes: one unknown length-delimited field.</summary>
    private static byte[] Oversized(int size)
    {
        var content = size - CodedOutputStream.ComputeTagSize(999) - CodedOutputStream.ComputeLengthSize(size);
        var stream = new MemoryStream(size);
        var output = new CodedOutputStream(stream);
        output.WriteTag(999, WireFormat.WireType.LengthDelimited);
        output.WriteLength(content);
        output.Flush();
        stream.Write(new byte[content]);
        return stream.ToArray();
    }

    private HostileRequest Get(int index, MethodDescriptor method)
    {
        var get = new GetRecordRequest { TenantId = target.TenantId, Collection = "students", RecordId = HostileTarget.StoredRecordId, Purpose = HostileTarget.Purpose };
        var defect = _random.Next(3) switch
        {
            0 => Set(() => get.Collection = "nosuch" + Word(), "unknown collection"),
            1 => Set(() => get.TenantId = "ghost-" + Word(), "unknown tenant"),
            _ => Set(() => get.Purpose = "no-such-purpose", "unknown purpose"),
        };
        return Stream(index, method, defect, get.ToByteArray());
    }

    private HostileRequest Query(int index, MethodDescriptor method)
    {
        var query = new QueryRecordsRequest { TenantId = target.TenantId, Collection = "students", Purpose = HostileTarget.Purpose, PageSize = 2 };
        var defect = _random.Next(6) switch
        {
            0 => Set(() => query.PageToken = Convert.ToBase64String(RandomBytes(4 + _random.Next(80))), "forged page token"),
            1 => Set(() => query.PageToken = ForgedCredentials.OneCharacterChanged(_random, target.PageToken), "bit-flipped page token"),
            2 => Set(() => query.Filters.Add(new FieldFilter { Field = "$where", Equals_ = new Value { StringValue = "1" } }), "filter on $where"),
            3 => Set(() => query.Filters.Add(new FieldFilter { Field = "full_name.x", Equals_ = new Value { StringValue = "a" } }), "filter on dotted field"),
            4 => Set(() => query.PageSize = -1 - _random.Next(100), "negative page size"),
            _ => Set(() => query.Collection = "nosuch" + Word(), "unknown collection"),
        };
        return Stream(index, method, defect, query.ToByteArray());
    }

    private HostileRequest Update(int index, MethodDescriptor method)
    {
        var update = new UpdateRecordRequest
        {
            TenantId = target.TenantId, Collection = "students", RecordId = HostileTarget.StoredRecordId, Purpose = HostileTarget.Purpose, ExpectedVersion = 1,
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "grade_level" } },
        };
        update.Fields["grade_level"] = new Value { StringValue = "8" };
        var defect = _random.Next(3) switch
        {
            0 => Set(() => update.UpdateMask.Paths.Add("$set"), "mask names $set"),
            1 => Set(() => update.Fields["a\0b"] = new Value { StringValue = "x" }, "field name with NUL"),
            _ => Set(() => update.ExpectedVersion = 99_999, "stale expected version"),
        };
        return Stream(index, method, defect, update.ToByteArray());
    }

    private HostileRequest Delete(int index, MethodDescriptor method)
    {
        var delete = new DeleteRecordRequest { TenantId = target.TenantId, Collection = "students", RecordId = HostileTarget.StoredRecordId, Purpose = HostileTarget.Purpose, ExpectedVersion = 99_999 };
        var defect = _random.Next(2) == 0
            ? "stale expected version"
            : Set(() => delete.TenantId = "ghost-" + Word(), "unknown tenant");
        return Stream(index, method, defect, delete.ToByteArray());
    }

    private static string Set(Action change, string defect)
    {
        change();
        return defect;
    }

    private static HostileRequest Stream(int index, MethodDescriptor method, string defect, byte[] message) =>
        new(index, method, defect, [message]);

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Word() => new(Enumerable.Range(0, 3 + _random.Next(6)).Select(_ => (char)('a' + _random.Next(26))).ToArray());

    private static string Printable(string key) => key.Length > 20 ? $"{key.Length} chars" : $"'{key.Replace("\0", "\\0", StringComparison.Ordinal)}'";
}
