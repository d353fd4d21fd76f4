using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hosting;

public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_call_in_flight_when_shutdown_begins_finishes_and_is_answered()
    {
        var gateway = new GatewayReplica(TestServers.DatabaseFor(typeof(GracefulShutdownTests)), new Dictionary<string, string?>());
        await gateway.InitializeAsync();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        using var channel = await gateway.CreateChannelAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
        var clients = new GrpcTestClients(channel);
        var tenant = await StudentRecords.CreateTenantAsync(clients);

        using var call = clients.Records.BatchPutRecords();
        await call.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = StudentRecords.Attendance(tenant, "att-0", "stu-0") });
        var shutdown = gateway.DisposeAsync();
        await stopping.Task.WaitAsync(Deadline);

        // Shutdown has begun (readiness is already NOT_SERVING); the open call still gets to finish.
        await call.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = StudentRecords.Attendance(tenant, "att-1", "stu-0") });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync.WaitAsync(Deadline);

        Assert.Equal((2, 0), (response.Succeeded, response.Failed));
        await shutdown.WaitAsync(Deadline);
    }
}
