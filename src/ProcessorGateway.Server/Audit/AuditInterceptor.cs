using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using OpenIddict.Abstractions;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Server.Auth;
using ProcessorGateway.Server.Grpc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Outside the error-mapping interceptor (the order: <see cref="GatewayGrpcExtensions.InterceptorPipeline"/>),
/// so it sees each call's final status and writes the call's audit event before the response leaves. When the event cannot be written, the
/// call fails with UNAVAILABLE instead, so no access happens without its event. A server stream
/// writes an event before its first message, and the final one when it ends.
/// </summary>
internal sealed class AuditInterceptor(AuditRecorder recorder, CrossTenantAttemptRecorder crossTenant, ErasureAuditNotes erasureNotes) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!Audited(context))
        {
            return await continuation(request, context).ConfigureAwait(false);
        }

        using var scope = AuditTrail.Begin();
        NoteRequestedSubject(request);
        if (!ErasureAuditNotes.Applies(context))
        {
            return await AuditedAsync(context, scope.Trail, () => continuation(request, context)).ConfigureAwait(false);
        }

        return await AuditedAsync(context, scope.Trail, async () =>
        {
            await erasureNotes.BeforeAsync(context, request).ConfigureAwait(false);
            var response = await continuation(request, context).ConfigureAwait(false);
            ErasureAuditNotes.After(response);
            return response;
        }).ConfigureAwait(false);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!Audited(context))
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }

        using var scope = AuditTrail.Begin();
        return await AuditedAsync(context, scope.Trail, () => continuation(requestStream, context)).ConfigureAwait(false);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!Audited(context))
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            return;
        }

        using var scope = AuditTrail.Begin();
        NoteRequestedSubject(request);
        var audited = new AuditedStreamWriter<TResponse>(responseStream, token =>
            RecordAsync(context, scope.Trail, AuditOutcome.Succeeded, "Streaming", token));
        await AuditedAsync(context, scope.Trail, async () =>
        {
            await continuation(request, audited, context).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Any request that names a data subject (a <c>subject_id</c> field) touches that person, whatever the
    /// service: so consent, preference, export and erasure calls appear in the subject's access history.
    /// </summary>
    private static void NoteRequestedSubject(object? request)
    {
        if (request is IMessage message && message.Descriptor.FindFieldByName("subject_id") is { FieldType: FieldType.String } field
            && field.Accessor.GetValue(message) is string { Length: > 0 } subjectId)
        {
            AuditTrail.NoteSubject(subjectId);
        }
    }

    /// <summary>Health and reflection touch no data, and probes would flood the operator chain.</summary>
    private bool Audited(ServerCallContext context) =>
        recorder.Enabled && !context.Method.StartsWith("/grpc.", StringComparison.Ordinal);

    private async Task<T> AuditedAsync<T>(ServerCallContext context, AuditTrail trail, Func<Task<T>> call)
    {
        T result;
        try
        {
            result = await call().ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            await RecordAsync(context, trail, AuditRecorder.OutcomeOf(e.StatusCode), e.StatusCode.ToString(), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAsync(context, trail, AuditOutcome.Failed, nameof(StatusCode.Internal), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await RecordAsync(context, trail, AuditOutcome.Succeeded, nameof(StatusCode.OK), context.CancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task RecordAsync(ServerCallContext context, AuditTrail trail, AuditOutcome outcome, string status, CancellationToken cancellationToken)
    {
        var user = context.GetHttpContext().User;
        var actor = user.Identity?.IsAuthenticated == true ? user.GetClaim(Claims.Subject) : null;
        var boundTenant = actor is null ? null : user.GetClaim(GatewayClaims.Tenant);
        try
        {
            var action = AuditRecorder.ActionOf(context.Method);
            await recorder.RecordAsync(context.GetHttpContext(), action, actor, trail.TenantId ?? boundTenant, trail,
                outcome, status, cancellationToken).ConfigureAwait(false);
            if (actor is not null && boundTenant is not null && trail.RefusedTenants() is { Count: > 0 } refused)
            {
                await crossTenant.RecordAsync(context.GetHttpContext(), action, actor, boundTenant, refused, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DomainException e)
        {
            throw DomainErrorMapper.ToRpcException(e);
        }
    }
}
