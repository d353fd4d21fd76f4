using System.Globalization;
using System.Text;
using ProcessorGateway.Core.Erasure;

namespace ProcessorGateway.Core.Notifications;

/// <summary>A refused erasure request as a webhook's JSON body and as an e-mail's text: the reason and what blocked it. Ids and stated reasons only.</summary>
public static class RefusalMessages
{
    public const string EventType = "erasure.refused";

    public static string Json(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = ReceiptMessages.Header(EventType, request.RequestId, request.TenantId, request.Scope, request.SubjectId);
        body["refusal_reason"] = request.RefusalReason;
        body["blocked_records"] = ReceiptMessages.Records(request.Blocked);
        return body.ToJsonString();
    }

    public static string Text(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Erasure request {request.RequestId} of tenant {request.TenantId} ({request.Target}) was refused.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reason: {request.RefusalReason}");
        if (request.Blocked.Count > 0)
        {
            text.AppendLine("Records that must be kept:");
            foreach (var line in ReceiptMessages.Lines(request.Blocked))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }
}
