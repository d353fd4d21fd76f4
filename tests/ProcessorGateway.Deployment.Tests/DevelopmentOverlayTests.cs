namespace ProcessorGateway.Deployment.Tests;

public sealed class DevelopmentOverlayTests
{
    [Fact]
    public void Dev_overlay_runs_one_gateway_with_mongodb_and_redis_in_the_cluster()
    {
        var dev = RenderedManifests.Render("dev");

        var gateway = dev.OfKind("Deployment").Single(d => d.Text("metadata.name") == "processorgateway");
        Assert.Equal("1", gateway.Text("spec.replicas"));
        Assert.Equal("1", dev.Single("HorizontalPodAutoscaler").Text("spec.maxReplicas"));
        Assert.Contains(dev.OfKind("StatefulSet"), s => s.Text("metadata.name") == "mongodb");
        Assert.Contains(dev.OfKind("Deployment"), d => d.Text("metadata.name") == "redis");
    }
}
