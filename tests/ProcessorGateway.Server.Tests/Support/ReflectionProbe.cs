using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>What grpcurl asks first: the server reflection service's list of services.</summary>
internal static class ReflectionProbe
{
    public static async Task<IReadOnlyList<string>> ListServicesAsync(GrpcChannel channel, Metadata? headers = null)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(headers);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty }).WaitAsync(RpcAssert.Timeout);
        await call.RequestStream.CompleteAsync().WaitAsync(RpcAssert.Timeout);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(RpcAssert.Timeout), "reflection sent no response");
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
    }
}
