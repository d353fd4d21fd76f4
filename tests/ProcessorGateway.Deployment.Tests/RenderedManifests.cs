using System.Diagnostics;
using ProcessorGateway.Testing;
using YamlDotNet.RepresentationModel;

namespace ProcessorGateway.Deployment.Tests;

/// <summary>
/// An overlay of <c>k8s/</c> rendered by <c>kubectl kustomize</c> (the one scripts/test.sh installs, named by
/// <c>PG_KUBECTL</c>, else kubectl on PATH) and parsed into YAML documents. A missing kubectl fails loudly.
/// </summary>
public sealed class RenderedManifests
{
    private RenderedManifests(IReadOnlyList<YamlMappingNode> documents)
    {
        Documents = documents;
    }

    public IReadOnlyList<YamlMappingNode> Documents { get; }

    public static RenderedManifests Render(string overlay)
    {
        var kubectl = Environment.GetEnvironmentVariable("PG_KUBECTL") is { Length: > 0 } configured ? configured : "kubectl";
        var start = new ProcessStartInfo(kubectl, ["kustomize", Path.Combine(RepositoryRoot.Path, "k8s", "overlays", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"kubectl ({kubectl}) could not be run: run the tests with scripts/test.sh, which installs it and sets PG_KUBECTL", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill();
                throw new TimeoutException("kubectl kustomize did not finish within 60 s");
            }

            Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} failed: {stderr.Result}");
            var stream = new YamlStream();
            stream.Load(new StringReader(stdout.Result));
            return new RenderedManifests(stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList());
        }
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Documents.Where(d => d.Text("kind") == kind);

    public YamlMappingNode Single(string kind) => Assert.Single(OfKind(kind));

    /// <summary>The one object of a kind whose (possibly hash-suffixed) name starts with <paramref name="name"/>.</summary>
    public YamlMappingNode Named(string kind, string name) =>
        Assert.Single(OfKind(kind), d => d.Text("metadata.name")!.StartsWith(name, StringComparison.Ordinal));

    /// <summary>The gateway's generated settings ConfigMap.</summary>
    public YamlMappingNode GatewayConfig => Named("ConfigMap", "processorgateway-config-");

}
