using YamlDotNet.RepresentationModel;

namespace ProcessorGateway.Deployment.Tests;

/// <summary>Dotted-path access into parsed manifests, failing with the path that is missing.</summary>
public static class YamlPaths
{
    public static YamlNode Node(this YamlMappingNode root, string path)
    {
        YamlNode current = root;
        foreach (var part in path.Split('.'))
        {
            var mapping = Assert.IsType<YamlMappingNode>(current, exactMatch: false);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(part), out var next), $"{path}: no '{part}'");
            current = next;
        }

        return current;
    }

    public static YamlMappingNode Map(this YamlMappingNode root, string path) => Assert.IsType<YamlMappingNode>(root.Node(path));

    public static IEnumerable<YamlMappingNode> Items(this YamlMappingNode root, string path) =>
        Assert.IsType<YamlSequenceNode>(root.Node(path)).Children.Cast<YamlMappingNode>();

    public static string? Text(this YamlMappingNode root, string path) => TryNode(root, path) is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>A key holding dots, such as a label <c>app.kubernetes.io/name</c>, under the mapping at <paramref name="path"/>.</summary>
    public static string? Key(this YamlMappingNode root, string path, string key) =>
        root.Map(path).Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static bool Has(this YamlMappingNode root, string path) => TryNode(root, path) is not null;

    private static YamlNode? TryNode(YamlMappingNode root, string path)
    {
        YamlNode current = root;
        foreach (var part in path.Split('.'))
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(part), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}
