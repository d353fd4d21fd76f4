using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Tests.Audit;

public sealed class SubjectReferenceCipherTests
{
    private static KeyMaterial SubjectKey(string subjectId = "subj-1", string tenantId = "oak-school") =>
        KeyMaterial.Generate(tenantId, KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), subjectId);

    [Fact]
    public void The_same_subject_under_the_same_key_gets_the_same_token_in_every_reference()
    {
        using var key = SubjectKey();

        var first = SubjectReferenceCipher.Create(key);
        var second = SubjectReferenceCipher.Create(key);

        Assert.Equal(first.Token, second.Token);
        Assert.Equal(first.Token, SubjectReferenceCipher.Token(key));
        Assert.Equal(SubjectReferenceCipher.TokenSize, first.Token.Length);
        Assert.NotEqual(first.Sealed, second.Sealed);
        Assert.Equal(key.Reference, first.Key);
    }

    [Fact]
    public void The_same_subject_under_another_key_gets_another_token()
    {
        using var before = SubjectKey();
        using var after = SubjectKey();
        using var otherTenant = SubjectKey(tenantId: "elm-school");

        Assert.NotEqual(SubjectReferenceCipher.Token(before), SubjectReferenceCipher.Token(after));
        Assert.NotEqual(SubjectReferenceCipher.Token(before), SubjectReferenceCipher.Token(otherTenant));
    }

    [Fact]
    public void A_reference_opens_to_the_subject_id_with_its_key_and_holds_no_trace_of_it_in_clear()
    {
        using var key = SubjectKey("subj-clear-text-9");

        var reference = SubjectReferenceCipher.Create(key);

        Assert.Equal("subj-clear-text-9", SubjectReferenceCipher.Open(key, reference));
        var stored = Encoding.ASCII.GetString(reference.Sealed) + Encoding.ASCII.GetString(reference.Token);
        Assert.DoesNotContain("subj-clear", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_with_a_changed_byte_or_a_swapped_token_or_under_another_key_fails_to_open()
    {
        using var key = SubjectKey();
        using var other = SubjectKey();
        var reference = SubjectReferenceCipher.Create(key);
        var flipped = (byte[])reference.Sealed.Clone();
        flipped[^1] ^= 1;
        var flippedNonce = (byte[])reference.Sealed.Clone();
        flippedNonce[0] ^= 1;
        var otherToken = SubjectReferenceCipher.Create(SubjectKey("subj-2")).Token;

        Assert.Throws<CryptographicException>(() => SubjectReferenceCipher.Open(key, reference with { Sealed = flipped }));
        Assert.Throws<CryptographicException>(() => SubjectReferenceCipher.Open(key, reference with { Sealed = flippedNonce }));
        Assert.Throws<CryptographicException>(() => SubjectReferenceCipher.Open(key, reference with { Token = otherToken }));
        Assert.Throws<CryptographicException>(() => SubjectReferenceCipher.Open(other, reference));
        Assert.Throws<CryptographicException>(() => SubjectReferenceCipher.Open(other, reference with { Key = other.Reference }));
    }

    [Fact]
    public void Only_a_subjects_own_key_makes_references()
    {
        using var dataKey = KeyMaterial.Generate("oak-school", KeyKind.Data, new KeyReference(Guid.NewGuid(), 1));

        Assert.Throws<ArgumentException>(() => SubjectReferenceCipher.Create(dataKey));
    }
}
