using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Core.Tests.Subjects;

public sealed class StoredConsentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_consent_covers_its_purposes_only_while_neither_withdrawn_nor_expired()
    {
        var consent = Consent(expiresAt: Now.AddDays(1), withdrawnAt: null);

        Assert.True(consent.Covers("academic", Now));
        Assert.False(consent.Covers("fees", Now));
        Assert.False(consent.Covers("academic", Now.AddDays(1)));
        Assert.False((consent with { WithdrawnAt = Now.AddMinutes(-1) }).Covers("academic", Now));
        Assert.True((consent with { ExpiresAt = null }).Covers("academic", Now.AddYears(10)));
    }

    [Fact]
    public void The_grantor_never_shows_in_its_string_form()
    {
        Assert.DoesNotContain("Grace", new ConsentGrantor("Grace Guardian", "parent").ToString(), StringComparison.Ordinal);
    }

    private static StoredConsent Consent(DateTimeOffset? expiresAt, DateTimeOffset? withdrawnAt) =>
        new("oak", "subj-1", "cns-1", ["academic", "administration"], Now.AddDays(-1), expiresAt, withdrawnAt, null, null, null);
}
