using System.Globalization;
using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Subjects;

/// <summary>
/// Each service provider has a name (unique), a purpose and a location, all bounded free text without
/// control characters; a location that is a URL carries no credentials, since the listing shows it to institutions.
/// </summary>
internal sealed class ServiceProvidersOptionsValidator : IValidateOptions<ServiceProvidersOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceProvidersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Providers.Count > ServiceProvidersOptions.MaxProviders)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{ServiceProvidersOptions.SectionName} lists {options.Providers.Count} providers; at most {ServiceProvidersOptions.MaxProviders} are allowed."));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Providers.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{ServiceProvidersOptions.SectionName}:{i}");
            var provider = options.Providers[i];
            Text(failures, $"{path}:Name", provider.Name, ServiceProvidersOptions.MaxNameLength, "the organisation, e.g. Example Mail Relay Ltd");
            Text(failures, $"{path}:Purpose", provider.Purpose, ServiceProvidersOptions.MaxPurposeLength, "what it does with the data, e.g. delivers e-mail notifications");
            Text(failures, $"{path}:Location", provider.Location, ServiceProvidersOptions.MaxLocationLength, "a URL or a place, e.g. EU (Frankfurt)");
            if (provider.Name is { } providerName && !names.Add(providerName.Trim()))
            {
                failures.Add($"{path}:Name repeats a provider already listed; list each organisation once.");
            }

            if (provider.Location is { } location && Uri.TryCreate(location.Trim(), UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
            {
                failures.Add($"{path}:Location must not carry credentials: institutions see it.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Text(List<string> failures, string path, string? value, int maxLength, string example)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength || value.Any(char.IsControl))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path} is required: up to {maxLength} characters with no control characters ({example})."));
        }
    }
}
