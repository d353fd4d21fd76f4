using Google.Rpc;
using Grpc.Core;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>Assertions on failed calls: the status code, and for invalid arguments the field named in the message and in the BadRequest detail.</summary>
internal static class RpcAssert
{
    /// <summary>Every awaited call gets this bound, so a hang fails with a message instead of stalling the run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var error = await Assert.ThrowsAsync<RpcException>(() => call().WaitAsync(Timeout));
        Assert.True(error.StatusCode == code, $"expected {code}, got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }

    /// <summary>INVALID_ARGUMENT whose message and single BadRequest field violation both name <paramref name="field"/>.</summary>
    public static async Task<RpcException> InvalidArgumentAsync(string field, Func<Task> call)
    {
        var error = await FailsAsync(StatusCode.InvalidArgument, call);
        Assert.True(error.Status.Detail.StartsWith(field + ":", StringComparison.Ordinal),
            $"the message should name '{field}', but is: {error.Status.Detail}");
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.True(badRequest is not null, $"no google.rpc.BadRequest detail on: {error.Status.Detail}");
        var violation = Assert.Single(badRequest.FieldViolations);
        Assert.Equal(field, violation.Field);
        return error;
    }

    /// <summary>The call's response, bounded by <see cref="Timeout"/>.</summary>
    public static Task<T> Within<T>(this AsyncUnaryCall<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.ResponseAsync.WaitAsync(Timeout);
    }
}
