using System.Text.RegularExpressions;

namespace ProcessorGateway.Docs.Tests;

/// <summary>
/// Every xunit test under tests/, as "Class.Method", read from the C# sources rather than from loaded
/// assemblies, so this project needs no reference to the others. A test is a method marked [Fact] or
/// [Theory], or an attribute this repository derives from them, and its class is the type declared at the
/// start of a line (files use file-scoped namespaces, so nested types are indented and never count).
/// </summary>
internal static partial class TestCatalog
{
    private static readonly Lazy<IReadOnlySet<string>> LazyNames = new(Read);

    public static IReadOnlySet<string> Names => LazyNames.Value;

    private static HashSet<string> Read()
    {
        var root = RepositoryRoot.File("tests");
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(IsGenerated))
            .Select(File.ReadAllLines)
            .ToList();
        var attributes = TestAttributes(sources);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lines in sources)
        {
            AddTests(lines, attributes, names);
        }

        return names;
    }

    private static bool IsGenerated(string folder) => folder is "bin" or "obj" or "node_modules";

    /// <summary>Fact, Theory, and every attribute class deriving from one of them, however indirectly.</summary>
    private static HashSet<string> TestAttributes(List<string[]> sources)
    {
        var derived = sources.SelectMany(lines => lines).Select(l => DerivedAttribute().Match(l)).Where(m => m.Success)
            .Select(m => (Name: m.Groups["name"].Value, Base: m.Groups["base"].Value)).ToList();
        var names = new HashSet<string>(["Fact", "Theory"], StringComparer.Ordinal);
        bool grew;
        do
        {
            grew = false;
            foreach (var (name, @base) in derived)
            {
                grew |= names.Contains(@base) && names.Add(name);
            }
        }
        while (grew);

        return names;
    }

    private static void AddTests(string[] lines, HashSet<string> attributes, HashSet<string> names)
    {
        string? type = null;
        var marked = false;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (TopLevelType().Match(line) is { Success: true } declared)
            {
                (type, marked) = (declared.Groups["name"].Value, false);
            }
            else if (Attribute().Match(trimmed) is { Success: true } attribute)
            {
                marked |= attributes.Contains(attribute.Groups["name"].Value);
            }
            else if (trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                // The first line after a method's attributes declares it.
                if (marked && type is not null && MethodName().Match(line) is { Success: true } method)
                {
                    names.Add(type + "." + method.Groups["name"].Value);
                }

                marked = false;
            }
        }
    }

    [GeneratedRegex(@"^(?:(?:public|internal|file|sealed|static|abstract|partial|readonly)\s+)*(?:class|struct|record(?:\s+(?:class|struct))?)\s+(?<name>\w+)")]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"^\[(?<name>\w+?)(?:Attribute)?\b")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"(?<name>\w+)\s*(?:<[^>]*>)?\s*\(")]
    private static partial Regex MethodName();

    [GeneratedRegex(@"class\s+(?<name>\w+)Attribute\b[^:]*:\s*(?:Xunit\.)?(?<base>\w+)Attribute\b")]
    private static partial Regex DerivedAttribute();
}
