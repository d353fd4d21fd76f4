using System.Diagnostics;

namespace ProcessorGateway.Server.Telemetry;

/// <summary>
/// A gRPC path names only a service and a method, but a JSON path names tenants, records and subjects
/// (<c>/v1/tenants/{tenant_id}/subjects/{subject_id}:erase</c>): a span keeps such a path as its route template,
/// never the ids, and never the query string.
/// </summary>
internal static class SpanRedaction
{
    private const string GrpcPathPrefix = "/processorgateway.";

    public static void RedactRequest(Activity activity, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(request);
        activity.SetTag("url.query", null);
        if (request.Path.Value is { } path && path.StartsWith(GrpcPathPrefix, StringComparison.Ordinal))
        {
            return;
        }

        activity.SetTag("url.path", "(redacted)");
        activity.DisplayName = request.Method;
    }
}
