using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Faults;

public sealed class MongoOutageTests(MongoBehindProxyGateway gateway) : IClassFixture<MongoBehindProxyGateway>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task Calls_during_a_cut_fail_unavailable_within_their_deadline_and_calls_after_it_succeed_without_a_restart()
    {
        // Another test of this class may have just restored the connection: start once the gateway is back.
        var tenant = await UntilAvailableAsync(() => StudentRecords.CreateTenantAsync(_clients));
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-0", "Ada", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();

        var outcomes = new ConcurrentQueue<(StatusCode Status, TimeSpan Took, long EndedAt, string Detail)>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var begin = Stopwatch.GetTimestamp();
                var status = StatusCode.OK;
                var detail = string.Empty;
                try
                {
                    var options = new CallOptions(deadline: DateTime.UtcNow + Deadline);
                    if (n % 2 == 0)
                    {
                        await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-0", Purpose = StudentRecords.Purpose }, options);
                    }
                    else
                    {
                        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, $"stu-{c}-{n}", "Bo", "bo@example.org", DateTimeOffset.UnixEpoch), options);
                    }
                }
                catch (RpcException e)
                {
                    status = e.StatusCode;
                    detail = e.Status.Detail;
                }

                outcomes.Enqueue((status, Stopwatch.GetElapsedTime(begin), Stopwatch.GetTimestamp(), detail));
                await Task.Delay(20);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        gateway.Proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(8));
        gateway.Proxy.Restore();
        var restoredAt = Stopwatch.GetTimestamp();

        // Recovery is by the driver's own monitoring; give it time, then require a clean run of calls.
        await WaitForSuccessesAfterAsync(outcomes, restoredAt, 20);
        await stop.CancelAsync();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));

        var failures = outcomes.Where(o => o.Status != StatusCode.OK).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.True(f.Status == StatusCode.Unavailable, $"a call failed {f.Status} ({f.Detail}), not UNAVAILABLE"));
        Assert.All(failures, f => Assert.True(f.Took < Deadline, $"a call took {f.Took} to fail, past its {Deadline} deadline"));
        var lastTwenty = outcomes.Where(o => o.EndedAt > restoredAt).TakeLast(20).ToList();
        Assert.All(lastTwenty, o => Assert.Equal(StatusCode.OK, o.Status));
    }

    [Fact]
    public async Task Token_requests_during_a_cut_get_503_temporarily_unavailable()
    {
        gateway.Proxy.Cut();
        try
        {
            using var http = new HttpClient { Timeout = Deadline };
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = GatewayFixture.OperatorClientId,
                ["client_secret"] = GatewayFixture.OperatorSecret,
            });
            using var response = await http.PostAsync(gateway.TokenEndpoint, form);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("\"temporarily_unavailable\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            gateway.Proxy.Restore();
        }
    }

    private static async Task<T> UntilAvailableAsync<T>(Func<Task<T>> call)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task WaitForSuccessesAfterAsync(ConcurrentQueue<(StatusCode Status, TimeSpan Took, long EndedAt, string Detail)> outcomes, long since, int count)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (outcomes.Where(o => o.EndedAt > since).Reverse().TakeWhile(o => o.Status == StatusCode.OK).Count() < count)
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, "the gateway did not recover within 60 s of MongoDB coming back");
            await Task.Delay(200);
        }
    }
}
