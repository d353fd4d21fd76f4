using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Auth;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Every ErasureService call names its subject (docs/audit.md). A call about an erasure request notes the request
/// id as a record (it names the erasure even once the subject cannot be named) and names the request's subject at
/// the start, while the subject's key exists: an execution destroys that key before the call's event is written.
/// What a reply lists (requests, holds) names each subject listed. Only for a caller the call itself would
/// authorise for the tenant; anyone else gets the call's own refusal, and nothing is looked up for them.
/// </summary>
internal sealed class ErasureAuditNotes(IErasureRequestStore requests, AuditSubjects subjects)
{
    private const string ServicePrefix = "/processorgateway.v1.ErasureService/";

    public static bool Applies(ServerCallContext context) => context.Method.StartsWith(ServicePrefix, StringComparison.Ordinal);

    public async Task BeforeAsync(ServerCallContext context, object? request)
    {
        if (request is not IMessage message || StringField(message, "tenant_id") is not { } requestedTenant)
        {
            return;
        }

        try
        {
            var tenantId = Identifiers.TenantId(requestedTenant);
            if (!MayAct(context.Caller(), tenantId))
            {
                return;
            }

            var subjectId = StringField(message, "subject_id");
            if (StringField(message, "request_id") is { } requestId)
            {
                AuditTrail.NoteRecord(requestId, null);
                subjectId ??= (await requests.FindAsync(tenantId, Identifiers.RecordId(requestId, "request_id"), context.CancellationToken).ConfigureAwait(false))
                    ?.SubjectId;
            }

            if (subjectId is not null)
            {
                AuditTrail.NoteSubject(subjectId);
                var names = await subjects.NameAsync(tenantId, [subjectId], createKeys: false, context.CancellationToken).ConfigureAwait(false);
                foreach (var reference in names.References)
                {
                    AuditTrail.NoteSubjectReference(subjectId, reference);
                }
            }
        }
        catch (DomainException e) when (e.Kind != DomainErrorKind.Unavailable)
        {
            // Malformed or unknown: the call says so itself, and its event names what the request gave.
        }
    }

    /// <summary>The subjects (and erasure requests) a reply names, at its top level and in the lists it holds.</summary>
    public static void After(object? response)
    {
        if (response is not IMessage message)
        {
            return;
        }

        Note(message);
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder().Where(f => f is { IsRepeated: true, FieldType: FieldType.Message }))
        {
            foreach (var item in (System.Collections.IList)field.Accessor.GetValue(message))
            {
                if (item is IMessage listed)
                {
                    Note(listed);
                }
            }
        }
    }

    private static void Note(IMessage message)
    {
        AuditTrail.NoteRecord(StringField(message, "request_id"), StringField(message, "subject_id"));
    }

    /// <summary>The rule of <see cref="AccessPolicy.RequireTenant"/> and the erasure service's scope, without noting anything.</summary>
    private static bool MayAct(Caller caller, string tenantId) =>
        caller.IsOperator ? caller.Scopes.Contains(Scopes.TenantsAdmin) : caller.TenantId == tenantId && caller.Scopes.Contains(Scopes.SubjectsRights);

    private static string? StringField(IMessage message, string name) =>
        message.Descriptor.FindFieldByName(name) is { FieldType: FieldType.String, IsRepeated: false } field
            && field.Accessor.GetValue(message) is string { Length: > 0 } value ? value : null;
}
