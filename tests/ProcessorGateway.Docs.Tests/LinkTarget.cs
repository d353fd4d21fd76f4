using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ProcessorGateway.Docs.Tests;

/// <summary>What is wrong with one link target, if anything; <c>null</c> when it is fine.</summary>
internal static partial class LinkTarget
{
    /// <summary>A path (with an optional #fragment) or a bare #fragment: no scheme, not rooted.</summary>
    public static bool IsRelative(string target) => !Scheme().IsMatch(target) && !target.StartsWith('/') && !target.StartsWith('\\');

    public static string? ResolveProblem(MarkdownDocument from, string target)
    {
        var path = PathPart(target);
        if (path.Length == 0)
        {
            return null;
        }

        var full = FullPath(from, path);
        var root = Path.TrimEndingDirectorySeparator(RepositoryRoot.Path) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return $"resolves to {full}, outside the repository";
        }

        return File.Exists(full) || Directory.Exists(full) ? null : $"{RepositoryFiles.Relative(full)} does not exist";
    }

    public static string? FragmentProblem(MarkdownDocument from, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var fragment = Uri.UnescapeDataString(target[(hash + 1)..]);
        var path = PathPart(target);
        var document = path.Length == 0 ? from : null;
        if (document is null)
        {
            var full = FullPath(from, path);
            if (!full.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                return $"#{fragment} points into {RepositoryFiles.Relative(full)}, which is not Markdown, so it has no headings to land on";
            }

            document = MarkdownDocument.Load(RepositoryFiles.Relative(full));
        }

        return document.Anchors.Contains(fragment)
            ? null
            : $"{document.RelativePath} has no heading whose anchor is #{fragment} (its anchors: {string.Join(", ", document.Anchors.Order(StringComparer.Ordinal))})";
    }

    public static string? AbsoluteProblem(string target)
    {
        if (target.StartsWith('/') || target.StartsWith('\\'))
        {
            return "an absolute path names a file outside the repository on the writer's machine; link relative to this file";
        }

        if (target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "only http(s) links may leave the repository (file: and other schemes name something on one machine)";
        }

        return IsPublicHost(uri) ? null : $"{uri.Host} is not a public web site (loopback, a private network or a local name)";
    }

    private static bool IsPublicHost(Uri uri)
    {
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return !IPAddress.IsLoopback(address) && !IsPrivate(address);
        }

        var host = uri.Host.ToLowerInvariant();
        string[] localSuffixes = [".localhost", ".local", ".internal", ".lan", ".home.arpa"];
        return host.Contains('.', StringComparison.Ordinal) && !localSuffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal));
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
    }

    private static string PathPart(string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? target : target[..hash];
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return Uri.UnescapeDataString(query < 0 ? path : path[..query]);
    }

    private static string FullPath(MarkdownDocument from, string path)
    {
        var directory = Path.GetDirectoryName(RepositoryRoot.File(from.RelativePath))!;
        return Path.GetFullPath(Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar)));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
