using Microsoft.AspNetCore.Http.Features;

namespace ProcessorGateway.Server.Grpc;

/// <summary>
/// Holds a JSON call's body to the same ceiling as one gRPC message (<see cref="GatewayGrpcExtensions.TransportCeilingBytes"/>),
/// instead of Kestrel's general 30 MB: JSON transcoding reads the whole body before anything else sees the
/// request. A body over it is refused as INVALID_ARGUMENT (HTTP 400) when transcoding reads it.
/// </summary>
internal sealed class TranscodedBodyLimit(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (EarlyStatus.IsJson(context) && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = GatewayGrpcExtensions.TransportCeilingBytes;
        }

        return next(context);
    }
}
