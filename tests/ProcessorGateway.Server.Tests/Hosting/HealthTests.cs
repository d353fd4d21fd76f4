using Grpc.Health.V1;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hosting;

public sealed class HealthTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Health_answers_serving_without_a_token()
    {
        var health = new Health.HealthClient(gateway.AnonymousChannel);

        var reply = await health.CheckAsync(new HealthCheckRequest()).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
