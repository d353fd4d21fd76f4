namespace ProcessorGateway.Deployment.Tests;

public sealed class DevelopmentOverlayTests
{
    [Fact]
    public void Dev_overlay_runs_one_gateway_with_mongodb_and_redis_in_the_cluster()
    {
        var dev = RenderedManifests.Render("dev");

        var gateway = dev.OfKind("Deployment").Single(d => d.Text("metadata.name") == "processorgateway");
        Assert.False(gateway.Has("spec.replicas"), "the autoscaler owns the replicas count");
        var autoscaler = dev.Single("HorizontalPodAutoscaler");
        Assert.Equal("1", autoscaler.Text("spec.minReplicas"));
        Assert.Equal("1", autoscaler.Text("spec.maxReplicas"));
        Assert.Contains(dev.OfKind("StatefulSet"), s => s.Text("metadata.name") == "mongodb");
        Assert.Contains(dev.OfKind("Deployment"), d => d.Text("metadata.name") == "redis");
    }

    [Fact]
    public void Dev_gateway_reaches_mongodb_and_redis_only_in_their_own_pods()
    {
        var policy = RenderedManifests.Render("dev").Single("NetworkPolicy");

        string Target(string port) => Assert.Single(policy.Items("spec.egress").Single(r => r.Items("ports").Any(p => p.Text("port") == port)).Items("to"))
            .Key("podSelector.matchLabels", "app.kubernetes.io/name") ?? "";

        Assert.Equal("mongodb", Target("27017"));
        Assert.Equal("redis", Target("6379"));
    }
}
