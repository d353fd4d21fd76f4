using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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
        var gateway = new ObservedGateway(TestServers.DatabaseFor(typeof(GracefulShutdownTests)));
        await gateway.InitializeAsync();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        using var channel = await gateway.CreateChannelAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
        var clients = new GrpcTestClients(channel);
        var tenant = await StudentRecords.CreateTenantAsync(clients);

        using var call = clients.Records.BatchPutRecords();
        await call.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = StudentRecords.Attendance(tenant, "att-0", "stu-0") });
        // The call must have reached the gateway before shutdown begins: a call still queued in the client at that
        // moment would need a new connection, which the stopping gateway rightly refuses.
        await gateway.BatchArrived.Task.WaitAsync(Deadline);
        var shutdown = gateway.DisposeAsync();
        await stopping.Task.WaitAsync(Deadline);

        // Shutdown has begun (readiness is already NOT_SERVING); the open call still gets to finish.
        await call.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = StudentRecords.Attendance(tenant, "att-1", "stu-0") });
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync.WaitAsync(Deadline);

        Assert.Equal((2, 0), (response.Succeeded, response.Failed));
        await shutdown.WaitAsync(Deadline);
    }

    /// <summary>A gateway that tells the test when a BatchPutRecords call has arrived.</summary>
    private sealed class ObservedGateway(string database) : GatewayFixture(database)
    {
        public TaskCompletionSource BatchArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IStartupFilter>(new ArrivalSignal(BatchArrived));
    }

    private sealed class ArrivalSignal(TaskCompletionSource arrived) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path.Value?.EndsWith("/BatchPutRecords", StringComparison.Ordinal) == true)
                {
                    arrived.TrySetResult();
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
