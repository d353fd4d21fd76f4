using YamlDotNet.RepresentationModel;

namespace ProcessorGateway.Deployment.Tests;

/// <summary>What an SRE relies on in <c>k8s/overlays/prod</c>, asserted on the YAML kustomize renders.</summary>
public sealed class ProductionOverlayTests
{
    private static readonly Lazy<RenderedManifests> Prod = new(() => RenderedManifests.Render("prod"));

    private static YamlMappingNode Deployment => Prod.Value.Single("Deployment");

    private static YamlMappingNode Pod => Deployment.Map("spec.template.spec");

    private static YamlMappingNode Container => Assert.Single(Pod.Items("containers"));

    [Fact]
    public void The_autoscaler_alone_sets_at_least_three_replicas_spread_across_zones_and_nodes()
    {
        // A count in the Deployment would reset the autoscaler's on every apply.
        Assert.False(Deployment.Has("spec.replicas"), "the Deployment names a replicas count although the autoscaler owns it");
        Assert.True(int.Parse(Prod.Value.Single("HorizontalPodAutoscaler").Text("spec.minReplicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 3);
        var keys = Pod.Items("topologySpreadConstraints").Select(c => c.Text("topologyKey")).ToList();
        Assert.Contains("topology.kubernetes.io/zone", keys);
        Assert.Contains("kubernetes.io/hostname", keys);
    }

    [Fact]
    public void Pod_runs_non_root_read_only_without_capabilities_or_service_account_token()
    {
        Assert.Equal("false", Pod.Text("automountServiceAccountToken"));
        Assert.Equal("true", Pod.Text("securityContext.runAsNonRoot"));
        Assert.Equal("RuntimeDefault", Pod.Text("securityContext.seccompProfile.type"));
        Assert.NotEqual("0", Pod.Text("securityContext.runAsUser"));

        Assert.Equal("true", Container.Text("securityContext.readOnlyRootFilesystem"));
        Assert.Equal("false", Container.Text("securityContext.allowPrivilegeEscalation"));
        Assert.Equal("true", Container.Text("securityContext.runAsNonRoot"));
        Assert.Equal("RuntimeDefault", Container.Text("securityContext.seccompProfile.type"));
        Assert.Equal(["ALL"], Assert.IsType<YamlSequenceNode>(Container.Node("securityContext.capabilities.drop")).Children.Select(c => c.ToString()));

        var account = Prod.Value.Single("ServiceAccount");
        Assert.Equal("false", account.Text("automountServiceAccountToken"));
    }

    [Fact]
    public void Container_has_requests_and_limits()
    {
        foreach (var path in new[] { "resources.requests.cpu", "resources.requests.memory", "resources.limits.cpu", "resources.limits.memory" })
        {
            Assert.False(string.IsNullOrEmpty(Container.Text(path)), path);
        }
    }

    [Fact]
    public void Probes_are_native_grpc_against_the_health_port_with_readiness_and_liveness_services()
    {
        var healthPort = Container.Items("ports").Single(p => p.Text("name") == "health").Text("containerPort");
        Assert.Equal(healthPort, Config("Gateway__Listen__HealthPort"));

        Assert.Equal(healthPort, Container.Text("readinessProbe.grpc.port"));
        Assert.Equal("readiness", Container.Text("readinessProbe.grpc.service"));
        Assert.Equal(healthPort, Container.Text("livenessProbe.grpc.port"));
        Assert.Equal("liveness", Container.Text("livenessProbe.grpc.service"));
        Assert.Equal(healthPort, Container.Text("startupProbe.grpc.port"));
        Assert.Equal("liveness", Container.Text("startupProbe.grpc.service"));
    }

    [Fact]
    public void Termination_grace_covers_the_pre_stop_pause_and_the_drain()
    {
        var preStop = int.Parse(Container.Text("lifecycle.preStop.sleep.seconds")!, System.Globalization.CultureInfo.InvariantCulture);
        var drain = TimeSpan.Parse(Config("Gateway__Shutdown__Timeout")!, System.Globalization.CultureInfo.InvariantCulture);
        var grace = int.Parse(Pod.Text("terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(preStop > 0);
        Assert.True(grace > preStop + drain.TotalSeconds, $"grace {grace} s must exceed preStop {preStop} s + drain {drain.TotalSeconds} s");
    }

    [Fact]
    public void Service_exposes_grpc_token_and_metrics_ports()
    {
        var service = Prod.Value.Single("Service");
        var targets = service.Items("spec.ports").Select(p => p.Text("targetPort")).ToList();
        Assert.Equal(["grpc", "token", "metrics"], targets);
    }

    [Fact]
    public void Autoscaler_and_disruption_budget_keep_replicas_available()
    {
        var hpa = Prod.Value.Single("HorizontalPodAutoscaler");
        Assert.Equal("Deployment", hpa.Text("spec.scaleTargetRef.kind"));
        Assert.True(int.Parse(hpa.Text("spec.minReplicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 3);
        Assert.True(int.Parse(hpa.Text("spec.maxReplicas")!, System.Globalization.CultureInfo.InvariantCulture) > 3);

        var pdb = Prod.Value.Single("PodDisruptionBudget");
        Assert.Equal("2", pdb.Text("spec.minAvailable"));
        Assert.Equal(Deployment.Map("spec.selector.matchLabels").ToString(), pdb.Map("spec.selector.matchLabels").ToString());
    }

    [Fact]
    public void Network_policy_admits_labelled_callers_and_lets_out_only_dns_mongodb_redis_notifications_and_otlp()
    {
        var policy = Prod.Value.Single("NetworkPolicy");
        Assert.Equal(["Ingress", "Egress"], Assert.IsType<YamlSequenceNode>(policy.Node("spec.policyTypes")).Children.Select(c => c.ToString()));

        foreach (var rule in policy.Items("spec.ingress"))
        {
            // Every ingress rule names its callers by label: none is open to all.
            Assert.All(rule.Items("from"), peer => Assert.True(peer.Has("podSelector.matchLabels"), "an ingress peer without a pod label"));
        }

        var egressPorts = policy.Items("spec.egress").SelectMany(r => r.Items("ports")).Select(p => p.Text("port")).ToHashSet();
        Assert.Equal(new HashSet<string?> { "53", "27017", "6379", "6380", "443", "8443", "587", "465", "4317" }, egressPorts);

        // Webhooks go to public addresses only: the private, loopback, link-local and CGNAT ranges the gateway
        // refuses by itself are refused by the network too.
        var webhooks = policy.Items("spec.egress").Single(r => r.Items("ports").Any(p => p.Text("port") == "443"));
        var excepted = webhooks.Items("to").SelectMany(peer => Assert.IsType<YamlSequenceNode>(peer.Node("ipBlock.except")).Children.Select(c => c.ToString())).ToHashSet();
        Assert.Superset(new HashSet<string> { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "fc00::/7", "fe80::/10", "::1/128" }, excepted);

        var otlp = policy.Items("spec.egress").Single(r => r.Items("ports").Any(p => p.Text("port") == "4317"));
        Assert.All(otlp.Items("to"), peer => Assert.Equal("true", peer.Key("podSelector.matchLabels", "processorgateway.example/otlp-collector")));
    }

    [Fact]
    public void No_secret_value_is_inlined()
    {
        Assert.Empty(Prod.Value.OfKind("Secret"));

        var secretRefs = new List<string>();
        foreach (var variable in Container.Items("env"))
        {
            Assert.False(variable.Has("value"), $"{variable.Text("name")} has an inline value; secrets and settings come from Secrets and the ConfigMap");
            secretRefs.Add(variable.Text("valueFrom.secretKeyRef.name")!);
        }

        Assert.Contains("processorgateway-mongo", secretRefs);
        Assert.Contains("processorgateway-redis", secretRefs);
        var volumes = Pod.Items("volumes").Select(v => v.Text("secret.secretName")).ToList();
        Assert.Contains("processorgateway-tls", volumes);
        Assert.Contains("processorgateway-keyring", volumes);
        Assert.Contains("processorgateway-oauth", volumes);

        // The ConfigMap holds paths and names, never a credential.
        foreach (var (key, _) in Prod.Value.GatewayConfig.Map("data").Children)
        {
            var name = key.ToString();
            Assert.DoesNotContain("ConnectionString", name, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", name, StringComparison.Ordinal);
            Assert.False(name.EndsWith("Secret", StringComparison.Ordinal), name);
            Assert.NotEqual("Gateway__Redis__Configuration", name);
        }
    }

    [Fact]
    public void Every_setting_the_manifests_name_is_a_real_configuration_key()
    {
        var names = Prod.Value.GatewayConfig.Map("data").Children.Keys.Select(k => k.ToString())
            .Concat(Container.Items("env").Select(e => e.Text("name")!));

        Assert.All(names, name => Assert.True(ConfigurationKeys.IsKnown(name), $"{name} is not a configuration key the gateway reads"));
    }

    [Fact]
    public void Mounted_files_are_where_the_settings_say()
    {
        var mounts = Container.Items("volumeMounts").Select(m => m.Text("mountPath")!).ToList();
        foreach (var setting in new[] { "Gateway__Listen__TlsCertificatePath", "Gateway__Listen__TlsKeyPath", "Gateway__KeyRing__CertificatePath", "Gateway__Auth__SigningCertificatePath", "Gateway__Auth__EncryptionCertificatePath" })
        {
            var path = Config(setting)!;
            Assert.Contains(mounts, m => path.StartsWith(m + "/", StringComparison.Ordinal));
        }
    }

    private static string? Config(string key) => Prod.Value.GatewayConfig.Text("data." + key);
}
