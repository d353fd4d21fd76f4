using System.Text.RegularExpressions;
using ProcessorGateway.Testing;
using YamlDotNet.RepresentationModel;

namespace ProcessorGateway.Deployment.Tests;

/// <summary>What makes a change roll out, and a drain or an upgrade go through, on both overlays.</summary>
public sealed partial class RolloutTests
{
    public static TheoryData<string> Overlays => new() { "prod", "dev" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void A_settings_change_renames_the_generated_config_map_so_the_pods_roll(string overlay)
    {
        var rendered = RenderedManifests.Render(overlay);
        var name = rendered.GatewayConfig.Text("metadata.name")!;

        // kustomize appends a hash of the content: another content, another name, another pod template.
        Assert.Matches("^processorgateway-config-[a-z0-9]{10}$", name);
        var gateway = rendered.OfKind("Deployment").Single(d => d.Text("metadata.name") == "processorgateway");
        var container = Assert.Single(gateway.Items("spec.template.spec.containers"));
        Assert.Equal(name, Assert.Single(container.Items("envFrom")).Text("configMapRef.name"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void A_disruption_budget_never_blocks_a_drain_on_pods_that_are_not_ready(string overlay) =>
        Assert.Equal("AlwaysAllow", RenderedManifests.Render(overlay).Single("PodDisruptionBudget").Text("spec.unhealthyPodEvictionPolicy"));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_namespace_enforces_the_restricted_pod_security_standard_and_every_pod_meets_it(string overlay)
    {
        var rendered = RenderedManifests.Render(overlay);
        Assert.All(rendered.OfKind("Namespace"), ns => Assert.Equal("restricted", ns.Key("metadata.labels", "pod-security.kubernetes.io/enforce")));

        foreach (var workload in rendered.Documents.Where(d => d.Text("kind") is "Deployment" or "StatefulSet"))
        {
            var pod = workload.Map("spec.template.spec");
            Assert.Equal("true", pod.Text("securityContext.runAsNonRoot"));
            Assert.Equal("RuntimeDefault", pod.Text("securityContext.seccompProfile.type"));
            foreach (var container in pod.Items("containers"))
            {
                Assert.Equal("false", container.Text("securityContext.allowPrivilegeEscalation"));
                Assert.Equal(["ALL"], Assert.IsType<YamlSequenceNode>(container.Node("securityContext.capabilities.drop")).Children.Select(c => c.ToString()));
            }
        }
    }

    [Fact]
    public void The_production_image_is_pinned_by_digest()
    {
        var gateway = RenderedManifests.Render("prod").Single("Deployment");
        var image = Assert.Single(gateway.Items("spec.template.spec.containers")).Text("image")!;
        Assert.Matches("@sha256:[0-9a-f]{64}$", image);
    }

    [Fact]
    public void Every_secret_the_operations_guide_creates_is_used_by_the_deployment()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"));
        var documented = CreatedSecret().Matches(guide).Select(m => m.Groups["name"].Value).ToHashSet();
        Assert.Contains("processorgateway-smtp", documented);

        var pod = RenderedManifests.Render("prod").Single("Deployment").Map("spec.template.spec");
        var used = Assert.Single(pod.Items("containers")).Items("env").Select(e => e.Text("valueFrom.secretKeyRef.name"))
            .Concat(pod.Items("volumes").Select(v => v.Text("secret.secretName")))
            .OfType<string>().ToHashSet();
        Assert.Superset(documented, used);
        Assert.Subset(documented, used);
    }

    [GeneratedRegex(@"create secret (?:generic|tls) (?<name>processorgateway-[a-z]+)")]
    private static partial Regex CreatedSecret();
}
