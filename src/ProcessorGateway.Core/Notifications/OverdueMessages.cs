using System.Globalization;
using System.Text;
using ProcessorGateway.Core.Erasure;

namespace ProcessorGateway.Core.Notifications;

/// <summary>An erasure request past a deadline (verification's or a part's) as a webhook's JSON body and as an e-mail's text. Ids and dates only.</summary>
public static class OverdueMessages
{
    public const string EventType = "erasure.overdue";

    /// <summary>Which deadline was missed: <c>verification</c>, <c>personal_account</c> or <c>institution_managed</c>.</summary>
    public static string Missed(ErasureRequest request, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.State == ErasureState.Received && request.VerificationDueAt == deadline)
        {
            return "verification";
        }

        return request.Parts.FirstOrDefault(p => p.IsOpen && p.DueAt == deadline)?.Class == Schemas.DataClass.InstitutionManaged
            ? "institution_managed"
            : "personal_account";
    }

    public static string Json(ErasureRequest request, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = ReceiptMessages.Header(EventType, request.RequestId, request.TenantId, request.Scope, request.SubjectId);
        body["missed"] = Missed(request, deadline);
        body["deadline"] = deadline.ToString("O", CultureInfo.InvariantCulture);
        body["state"] = request.State.ToString().ToLowerInvariant();
        return body.ToJsonString();
    }

    public static string Text(ErasureRequest request, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Erasure request {request.RequestId} of tenant {request.TenantId} ({request.Target}) is overdue.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Missed: {Missed(request, deadline)} deadline of {deadline:O}; the request is {request.State.ToString().ToLowerInvariant()}.");
        text.AppendLine(request.State == ErasureState.Received
            ? "Verify it (or refuse it with a reason) now; its parts execute after verification."
            : "Execute it now, or see what keeps it (a legal hold or retention rule) in the request.");
        return text.ToString();
    }
}
