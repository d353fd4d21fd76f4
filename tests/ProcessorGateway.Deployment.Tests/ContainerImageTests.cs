using System.Text.RegularExpressions;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Deployment.Tests;

/// <summary>What the gateway needs from the image the Dockerfile builds.</summary>
public sealed partial class ContainerImageTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));

    [Fact]
    public void The_final_image_carries_the_time_zone_database_and_ICU()
    {
        // Tenant calendars name IANA zones and blind indexes normalise with ICU: the plain chiseled image has neither.
        var final = FromLines().Last();
        Assert.Matches(ChiseledExtra(), final);
        Assert.DoesNotContain("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", Dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("InvariantGlobalization", File.ReadAllText(
            Path.Combine(RepositoryRoot.Path, "src", "ProcessorGateway.Server", "ProcessorGateway.Server.csproj")), StringComparison.Ordinal);
    }

    private static IEnumerable<string> FromLines() =>
        Dockerfile.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("FROM ", StringComparison.Ordinal));

    [GeneratedRegex(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:\S+-chiseled-extra(\s|$)")]
    private static partial Regex ChiseledExtra();
}
