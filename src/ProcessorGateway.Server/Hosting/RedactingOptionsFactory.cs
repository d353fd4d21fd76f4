using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Hosting;

/// <summary>
/// The options factory of the whole host: it builds options as the framework's does, and turns a value the
/// configuration binder cannot convert into a validation failure that names the setting and the type it needs.
/// The binder's own message quotes the value, which may be a secret, and the host logs a start-up failure as is.
/// </summary>
internal sealed class RedactingOptionsFactory<TOptions>(
    IEnumerable<IConfigureOptions<TOptions>> setups, IEnumerable<IPostConfigureOptions<TOptions>> postConfigures, IEnumerable<IValidateOptions<TOptions>> validations)
    : IOptionsFactory<TOptions>
    where TOptions : class
{
    private readonly OptionsFactory<TOptions> _inner = new(setups, postConfigures, validations);

    public TOptions Create(string name)
    {
        try
        {
            return _inner.Create(name);
        }
        catch (InvalidOperationException e) when (BadConversion.Describe(e) is { } failure)
        {
            throw new OptionsValidationException(name, typeof(TOptions), [failure]);
        }
    }
}
