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
        var body = new JsonObject
        {
            ["type"] = eventType,
            ["request_id"] = receipt.RequestId,
            ["tenant_id"] = receipt.TenantId,
            ["scope"] = receipt.Scope == ErasureScope.Tenant ? "tenant" : "subject",
            ["subject_id"] = receipt.SubjectId,
            ["key_ids"] = new JsonArray([.. receipt.KeyIds.Select(k => (JsonNode)JsonValue.Create(k.ToString("N")))]),
            ["records"] = new JsonObject(receipt.RecordCounts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value)))),
            ["erased_at"] = Iso(receipt.ErasedAt),
            ["record_backups_age_out_by"] = Iso(receipt.RecordBackupsAgeOutBy),
            ["key_vault_backups_age_out_by"] = Iso(receipt.KeyVaultBackupsAgeOutBy),
            ["receipt"] = signed,
        };
        return body.ToJsonString();
    }

    public static string Text(DeletionReceipt receipt, string signed)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Erasure request {receipt.RequestId} of tenant {receipt.TenantId} was executed.");
        text.AppendLine(receipt.Scope == ErasureScope.Tenant ? "Erased: the whole tenant." : $"Erased: subject {receipt.SubjectId}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Keys destroyed at {Iso(receipt.ErasedAt)}: {string.Join(", ", receipt.KeyIds.Select(k => k.ToString("N")))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Records made unreadable: {receipt.RecordCounts.Values.Sum()} ({string.Join(", ", receipt.RecordCounts.Select(c => $"{c.Key}: {c.Value}"))})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Record backups age out by {Iso(receipt.RecordBackupsAgeOutBy)}; key-vault backups by {Iso(receipt.KeyVaultBackupsAgeOutBy)}.");
        text.AppendLine();
        text.AppendLine("Signed receipt (JWS; verify with the gateway's keys at /.well-known/jwks):");
        text.AppendLine(signed);
        return text.ToString();
    }

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
