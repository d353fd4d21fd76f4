using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ProcessorGateway.Core.Erasure;

namespace ProcessorGateway.Core.Notifications;

/// <summary>The receipt as a webhook's JSON body and as an e-mail's text. Ids, counts and dates only.</summary>
public static class ReceiptMessages
{
    public static string Json(DeletionReceipt receipt, string signed, string eventType)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var body = Header(eventType, receipt.RequestId, receipt.TenantId, receipt.Scope, receipt.SubjectId);
        body["key_ids"] = new JsonArray([.. receipt.KeyIds.Select(k => (JsonNode)JsonValue.Create(k.ToString("N")))]);
        body["records"] = new JsonObject(receipt.RecordCounts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value))));
        body["erased_at"] = Iso(receipt.ErasedAt);
        body["record_backups_age_out_by"] = Iso(receipt.RecordBackupsAgeOutBy);
        body["key_vault_backups_age_out_by"] = Iso(receipt.KeyVaultBackupsAgeOutBy);
        body["also_erased"] = new JsonObject(AlsoErasedCounts(receipt.AlsoErased).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value))));
        body["kept"] = Records(receipt.Kept);
        body["retained_key_id"] = receipt.RetainedKeyId?.ToString("N");
        body["receipt"] = signed;
        return body.ToJsonString();
    }

    /// <summary>What every erasure message starts with: its type, and which request of which tenant about whom.</summary>
    public static JsonObject Header(string eventType, string requestId, string tenantId, ErasureScope scope, string? subjectId) => new()
    {
        ["type"] = eventType,
        ["request_id"] = requestId,
        ["tenant_id"] = tenantId,
        ["scope"] = scope == ErasureScope.Tenant ? "tenant" : "subject",
        ["subject_id"] = subjectId,
    };

    /// <summary>Kept or blocking records as JSON: collection, record id, the hold or rule, its reason and, for a rule, until when.</summary>
    public static JsonArray Records(IEnumerable<BlockedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new JsonArray([.. records.Select(b => (JsonNode)new JsonObject
        {
            ["collection"] = b.Collection,
            ["record_id"] = b.RecordId,
            ["held_by"] = b.HeldBy,
            ["reason"] = b.Reason,
            ["retained_until"] = b.RetainedUntil is { } until ? Iso(until) : null,
        })]);
    }

    /// <summary>One line per record: <c>collection/id under hold (reason)</c> or <c>… kept until date by rule (reason)</c>.</summary>
    public static IEnumerable<string> Lines(IEnumerable<BlockedRecord> records) =>
        records.Select(b => b.RetainedUntil is { } until
            ? string.Create(CultureInfo.InvariantCulture, $"  {b.Collection}/{b.RecordId} kept until {until:yyyy-MM-dd} by {b.HeldBy} ({b.Reason})")
            : $"  {b.Collection}/{b.RecordId} under {b.HeldBy} ({b.Reason})");

    public static string Text(DeletionReceipt receipt, string signed)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Erasure request {receipt.RequestId} of tenant {receipt.TenantId} was executed.");
        text.AppendLine(receipt.Scope == ErasureScope.Tenant ? "Erased: the whole tenant." : $"Erased: subject {receipt.SubjectId}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Keys destroyed at {Iso(receipt.ErasedAt)}: {string.Join(", ", receipt.KeyIds.Select(k => k.ToString("N")))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Records made unreadable: {receipt.RecordCounts.Values.Sum()} ({string.Join(", ", receipt.RecordCounts.Select(c => $"{c.Key}: {c.Value}"))})");
        if (receipt.AlsoErased.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Also deleted: {string.Join(", ", receipt.AlsoErased.Select(i => $"{i.Kind}: {i.Count}"))}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Record backups age out by {Iso(receipt.RecordBackupsAgeOutBy)}; key-vault backups by {Iso(receipt.KeyVaultBackupsAgeOutBy)}.");
        if (receipt.Kept.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Kept, under retained key {receipt.RetainedKeyId:N}, until nothing holds them and a later erasure destroys that key:");
            foreach (var line in Lines(receipt.Kept))
            {
                text.AppendLine(line);
            }
        }
        text.AppendLine();
        text.AppendLine("Signed receipt (JWS; verify with the gateway's keys at /.well-known/jwks):");
        text.AppendLine(signed);
        return text.ToString();
    }

    /// <summary>What else was deleted besides records, by kind, in the receipt's order: as the signed receipt and the webhook state it.</summary>
    public static IReadOnlyDictionary<string, long> AlsoErasedCounts(IEnumerable<ErasedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            counts[item.Kind] = item.Count;
        }

        return counts;
    }

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
