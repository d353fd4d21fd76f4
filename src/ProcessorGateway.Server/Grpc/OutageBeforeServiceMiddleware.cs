using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Server.Grpc;

/// <summary>
/// Storage outages met before a call reaches its gRPC service (the per-call revocation check in
/// authentication, the token endpoint's client lookup) would otherwise leave ASP.NET Core with an
/// unhandled exception: an HTTP 500, which gRPC clients see as INTERNAL. They become what they are, a
/// retryable UNAVAILABLE (in the caller's protocol, see <see cref="EarlyStatus"/>) or, on the token
/// endpoint, HTTP 503 with the OAuth error <c>temporarily_unavailable</c>. Anything else propagates as before.
/// </summary>
internal sealed class OutageBeforeServiceMiddleware(RequestDelegate next, ILogger<OutageBeforeServiceMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable && !context.Response.HasStarted)
        {
            GatewayLog.RefusedBeforeService(logger, context.Request.Path, e.Message);
            context.Response.Clear();
            if (await EarlyStatus.TryWriteAsync(context, DomainErrorMapper.ToStatusCode(e.Kind), e.Message).ConfigureAwait(false))
            {
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsJsonAsync(new { error = "temporarily_unavailable", error_description = e.Message }, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
