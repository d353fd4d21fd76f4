using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Notifications;

namespace ProcessorGateway.Server.Erasure;

/// <summary>
/// Signs deletion receipts with the token server's first signing credentials, whose public key the
/// gateway publishes at <c>/.well-known/jwks</c>: anyone can verify a receipt with that key set.
/// No expiry: a receipt stays true. The same receipt gives the same JWS (RS256 is deterministic).
/// </summary>
internal sealed class JwsReceiptSigner(IOptionsMonitor<OpenIddictServerOptions> server) : IReceiptSigner
{
    public const string TokenType = "pg-erasure-receipt+jwt";

    public string Sign(DeletionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var options = server.CurrentValue;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["jti"] = receipt.RequestId,
            ["tenant_id"] = receipt.TenantId,
            ["scope"] = receipt.Scope == ErasureScope.Tenant ? "tenant" : "subject",
            ["key_ids"] = receipt.KeyIds.Select(k => k.ToString("N")).ToList(),
            ["records"] = receipt.RecordCounts.ToDictionary(c => c.Key, c => (object)c.Value, StringComparer.Ordinal),
            ["records_total"] = receipt.RecordCounts.Values.Sum(),
            ["received_at"] = ReceiptMessages.Iso(receipt.ReceivedAt),
            ["erased_at"] = ReceiptMessages.Iso(receipt.ErasedAt),
            ["record_backups_age_out_by"] = ReceiptMessages.Iso(receipt.RecordBackupsAgeOutBy),
            ["key_vault_backups_age_out_by"] = ReceiptMessages.Iso(receipt.KeyVaultBackupsAgeOutBy),
        };
        if (receipt.SubjectId is not null)
        {
            claims["subject_id"] = receipt.SubjectId;
        }

        if (receipt.Kept.Count > 0)
        {
            // What the erasure kept (legal holds, retention rules) and why, and the key they are under.
            claims["kept"] = receipt.Kept.Select(b => (object)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["collection"] = b.Collection,
                ["record_id"] = b.RecordId,
                ["held_by"] = b.HeldBy,
                ["reason"] = b.Reason,
                ["retained_until"] = b.RetainedUntil is { } until ? ReceiptMessages.Iso(until) : null,
            }).ToList();
            claims["kept_total"] = receipt.Kept.Select(b => (b.Collection, b.RecordId)).Distinct().Count();
            claims["retained_key_id"] = receipt.RetainedKeyId?.ToString("N") ?? "";
        }

        if (receipt.AlsoErased.Count > 0)
        {
            // What else the erasure deleted besides records (profile, consents, preferences; a tenant's schemas, clients ...).
            claims["also_erased"] = ReceiptMessages.AlsoErasedCounts(receipt.AlsoErased).ToDictionary(c => c.Key, c => (object)c.Value, StringComparer.Ordinal);
        }

        if (receipt.RequestedBy is not null && receipt.ApprovedBy is not null)
        {
            // A tenant's destruction names both operators who decided it.
            claims["requested_by"] = receipt.RequestedBy;
            claims["approved_by"] = receipt.ApprovedBy;
        }

        if (receipt.DueAt is { } due)
        {
            claims["due_at"] = ReceiptMessages.Iso(due);
        }

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer?.AbsoluteUri,
            IssuedAt = receipt.ErasedAt.UtcDateTime,
            Claims = claims,
            TokenType = TokenType,
            SigningCredentials = options.SigningCredentials.FirstOrDefault()
                ?? throw new InvalidOperationException("the token server has no signing credentials to sign receipts with"),
        });
    }
}
