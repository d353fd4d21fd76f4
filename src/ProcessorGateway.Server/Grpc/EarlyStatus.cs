using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace ProcessorGateway.Server.Grpc;

/// <summary>
/// A status for a call refused before its service ran (no or a bad token, an outage met by authentication),
/// in the caller's own protocol, so that it reads the same as a refusal from the service itself: a gRPC or
/// gRPC-Web caller gets a trailers-only response with <c>grpc-status</c> and <c>grpc-message</c>; a JSON
/// caller gets the HTTP status JSON transcoding gives that code and its error body,
/// <c>{"code":16,"message":"...","details":[]}</c>.
/// </summary>
internal static class EarlyStatus
{
    /// <summary>Whether the request is a JSON call of a transcoded gRPC method.</summary>
    public static bool IsJson(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null;

    /// <summary>gRPC, and gRPC-Web too: its middleware has made the request look like gRPC by the time this runs.</summary>
    public static bool IsGrpc(HttpContext http) =>
        http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Writes the status, unless the request is neither gRPC nor JSON (the token endpoint, say): then false, nothing written.</summary>
    public static async Task<bool> TryWriteAsync(HttpContext http, StatusCode code, string message)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Response.HasStarted)
        {
            return false;
        }

        if (IsJson(http))
        {
            http.Response.StatusCode = HttpStatusOf(code);
            http.Response.ContentType = "application/json; charset=utf-8";
            // Escaped as JSON transcoding's own error bodies are: only what JSON itself requires.
            await using var json = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            json.WriteStartObject();
            json.WriteNumber("code", (int)code);
            json.WriteString("message", message);
            json.WriteStartArray("details");
            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            return true;
        }

        if (IsGrpc(http))
        {
            // Trailers-only: the status travels in the response headers, with no message body.
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/grpc";
            http.Response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return true;
        }

        return false;
    }

    /// <summary>As JSON transcoding maps a status to HTTP (google.rpc.Code's own mapping).</summary>
    public static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => StatusCodes.Status408RequestTimeout,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
