using System.Security.Cryptography;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Crypto;

public sealed class KeyWrapTests : IDisposable
{
    private const string Subject = "subj-0001";

    private readonly KeyMaterial _tenantKey = TestKeys.Data();
    private readonly KeyMaterial _subjectKey = KeyMaterial.Generate(TestKeys.Tenant, KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), Subject);

    [Fact]
    public void Unwrapped_subject_key_decrypts_what_the_original_encrypted()
    {
        var wrapped = KeyWrap.Wrap(_tenantKey, _subjectKey, Subject);
        var ciphertext = FieldCipher.Encrypt(_subjectKey, new StringValue("Zara"), TestKeys.Context);

        using var unwrapped = new KeyMaterial(TestKeys.Tenant, KeyKind.Subject, _subjectKey.Reference, KeyWrap.Unwrap(_tenantKey, Subject, _subjectKey.Reference, wrapped), Subject);

        Assert.Equal(new StringValue("Zara"), FieldCipher.DecryptValue(unwrapped, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Wrapped_key_moved_to_another_subject_or_key_id_fails_to_unwrap()
    {
        var wrapped = KeyWrap.Wrap(_tenantKey, _subjectKey, Subject);

        Assert.Throws<CryptographicException>(() => KeyWrap.Unwrap(_tenantKey, "subj-0002", _subjectKey.Reference, wrapped));
        Assert.Throws<CryptographicException>(() => KeyWrap.Unwrap(_tenantKey, Subject, new KeyReference(Guid.NewGuid(), 1), wrapped));
        Assert.Throws<CryptographicException>(() => KeyWrap.Unwrap(_tenantKey, Subject, _subjectKey.Reference with { Version = 2 }, wrapped));
    }

    [Fact]
    public void Wrapped_key_under_another_tenant_key_fails_to_unwrap()
    {
        var wrapped = KeyWrap.Wrap(_tenantKey, _subjectKey, Subject);
        using var other = TestKeys.Impostor(_tenantKey);

        Assert.Throws<CryptographicException>(() => KeyWrap.Unwrap(other, Subject, _subjectKey.Reference, wrapped));
    }

    [Fact]
    public void Any_flipped_byte_fails_to_unwrap()
    {
        var wrapped = KeyWrap.Wrap(_tenantKey, _subjectKey, Subject);
        for (var i = 0; i < wrapped.Length; i++)
        {
            var tampered = (byte[])wrapped.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<CryptographicException>(() => KeyWrap.Unwrap(_tenantKey, Subject, _subjectKey.Reference, tampered));
        }

        Assert.Throws<CryptographicException>(() => KeyWrap.Unwrap(_tenantKey, Subject, _subjectKey.Reference, wrapped[..^1]));
    }

    [Fact]
    public void Only_a_tenant_data_key_may_wrap_and_only_subject_keys_are_wrapped()
    {
        using var index = TestKeys.Index();
        Assert.Throws<ArgumentException>(() => KeyWrap.Wrap(index, _subjectKey, Subject));
        Assert.Throws<ArgumentException>(() => KeyWrap.Wrap(_tenantKey, index, Subject));
    }

    [Fact]
    public void A_retained_key_is_bound_to_its_own_id_and_encrypts_fields_it_alone_decrypts()
    {
        var reference = new KeyReference(Guid.NewGuid(), 1);
        using var retained = KeyMaterial.Generate(TestKeys.Tenant, KeyKind.Retained, reference);
        var binding = WrappedKey.RetainedBinding(reference.Id);
        var wrapped = KeyWrap.Wrap(_tenantKey, retained, binding);
        var ciphertext = FieldCipher.Encrypt(retained, new StringValue("kept"), TestKeys.Context);

        using var unwrapped = new KeyMaterial(TestKeys.Tenant, KeyKind.Retained, reference, KeyWrap.Unwrap(_tenantKey, binding, reference, wrapped));

        Assert.Equal(new StringValue("kept"), FieldCipher.DecryptValue(unwrapped, ciphertext, TestKeys.Context));
        Assert.Throws<CryptographicException>(() => KeyWrap.Unwrap(_tenantKey, Subject, reference, wrapped));
        Assert.Throws<CryptographicException>(() => KeyWrap.Unwrap(_tenantKey, WrappedKey.RetainedBinding(Guid.NewGuid()), reference, wrapped));
        Assert.ThrowsAny<Exception>(() => FieldCipher.DecryptValue(_subjectKey, ciphertext, TestKeys.Context));
    }

    public void Dispose()
    {
        _tenantKey.Dispose();
        _subjectKey.Dispose();
    }
}
