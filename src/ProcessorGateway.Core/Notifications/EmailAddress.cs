namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// The one check of an e-mail address, for the tenant's recipients and a requester's address alike: one
/// <c>@</c> with something on both sides, at most 254 characters, no white space, controls, quotes or list
/// separators (so an address can never smuggle a second recipient or a header into a message).
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength)
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1
            && !address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '"');
    }
}
