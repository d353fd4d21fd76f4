using System.Globalization;
using System.Text;
using ProcessorGateway.Core.Erasure;

namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// What the person who asked is told, by e-mail: the same facts the tenant gets (the receipt, what was erased,
/// what was kept and why, when backups age out; or the refusal and its reason), addressed to them. Ids, counts,
/// dates and stated reasons only: the address itself is never in a body.
/// </summary>
public static class RequesterMessages
{
    public static string ConfirmationSubject(DeletionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return $"Your erasure request {receipt.RequestId} is complete";
    }

    /// <summary>The tenant's receipt text (which lists what else was erased once there is more than records), after a line to the person.</summary>
    public static string Confirmation(DeletionReceipt receipt, string signed)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"You asked for your data to be erased (request {receipt.RequestId}). The erasure is complete.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Copies in backups become unreadable with the destroyed keys and age out by {ReceiptMessages.Iso(Latest(receipt))}.");
        text.AppendLine();
        text.Append(ReceiptMessages.Text(receipt, signed));
        return text.ToString();
    }

    public static string RefusalSubject(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"Your erasure request {request.RequestId} was refused";
    }

    public static string Refusal(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"You asked for your data to be erased (request {request.RequestId}). The request was refused.");
        text.AppendLine();
        text.Append(RefusalMessages.Text(request));
        return text.ToString();
    }

    private static DateTimeOffset Latest(DeletionReceipt receipt) =>
        receipt.RecordBackupsAgeOutBy > receipt.KeyVaultBackupsAgeOutBy ? receipt.RecordBackupsAgeOutBy : receipt.KeyVaultBackupsAgeOutBy;
}
