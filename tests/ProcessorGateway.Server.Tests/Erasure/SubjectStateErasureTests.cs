using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Erasure;
using ErasedItem = ProcessorGateway.Core.Erasure.ErasedItem;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// A subject's erasure removes the person, not only the records: profile, consents and preferences are deleted in the
/// same execution, listed on the receipt, cannot be written again, and no stored document (outside the audit and the
/// request) holds a readable value of the person.
/// </summary>
public sealed class SubjectStateErasureTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>
{
    [Fact]
    public async Task After_execution_profile_consents_and_preferences_answer_as_for_an_unknown_subject_and_cannot_be_written_again()
    {
        var person = await ErasedPerson.SeedAsync(gateway);
        var executed = await person.EraseAsync();

        Assert.Equal(
            [new ErasedItem(ErasedKinds.SubjectProfiles, 1), new ErasedItem(ErasedKinds.Consents, 1), new ErasedItem(ErasedKinds.CommunicationPreferences, 1)],
            executed.AlsoErased.Select(i => new ErasedItem(i.Kind, i.Count)));
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal(1, (long)receipt["also_erased"]![ErasedKinds.SubjectProfiles]!);
        Assert.Equal(1, (long)receipt["also_erased"]![ErasedKinds.Consents]!);
        Assert.Equal(1, (long)receipt["also_erased"]![ErasedKinds.CommunicationPreferences]!);

        // "Nothing" is what a subject never seen gets: the default profile (not a minor, never set), no consents,
        // and every preference at its default (allowed, never set). None of them is NOT_FOUND for an unknown subject.
        var rights = person.World.Rights.SubjectRights;
        var unknown = $"subj-never-{Guid.NewGuid():N}"[..24];
        var profile = await rights.GetSubjectProfileAsync(new GetSubjectProfileRequest { TenantId = person.TenantId, SubjectId = person.SubjectId }).Within();
        var unknownProfile = await rights.GetSubjectProfileAsync(new GetSubjectProfileRequest { TenantId = person.TenantId, SubjectId = unknown }).Within();
        Assert.False(profile.Minor);
        Assert.Null(profile.UpdatedAt);
        var expected = unknownProfile.Clone();
        expected.SubjectId = person.SubjectId;
        Assert.Equal(expected, profile);
        Assert.Empty((await rights.ListConsentsAsync(new ListConsentsRequest { TenantId = person.TenantId, SubjectId = person.SubjectId }).Within()).Consents);
        var preferences = (await rights.GetCommunicationPreferencesAsync(
            new GetCommunicationPreferencesRequest { TenantId = person.TenantId, SubjectId = person.SubjectId }).Within()).Preferences;
        var unknownPreferences = (await rights.GetCommunicationPreferencesAsync(
            new GetCommunicationPreferencesRequest { TenantId = person.TenantId, SubjectId = unknown }).Within()).Preferences;
        Assert.All(preferences, p => Assert.True(p.Allowed && p.UpdatedAt is null, $"{p.Channel}/{p.Category} kept a stored choice"));
        Assert.Equal(unknownPreferences.Select(p => (p.Channel, p.Category, p.Allowed)), preferences.Select(p => (p.Channel, p.Category, p.Allowed)));

        // Writing them again is refused like a write of the subject's records, and stores nothing.
        var writes = new Dictionary<string, Func<Task>>
        {
            ["SetSubjectProfile"] = () => rights.SetSubjectProfileAsync(new SetSubjectProfileRequest { TenantId = person.TenantId, SubjectId = person.SubjectId, Minor = true }).ResponseAsync,
            ["GrantConsent"] = () => rights.GrantConsentAsync(person.Consent()).ResponseAsync,
            ["SetCommunicationPreference"] = () => rights.SetCommunicationPreferenceAsync(new SetCommunicationPreferenceRequest
            {
                TenantId = person.TenantId, SubjectId = person.SubjectId, Channel = "sms", Category = "marketing", Allowed = false,
            }).ResponseAsync,
        };
        foreach (var (name, write) in writes)
        {
            var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, write);
            Assert.True(error.Status.Detail.Contains("was erased", StringComparison.Ordinal), $"{name}: {error.Status.Detail}");
        }

        var stored = await GatewayCollections.EveryDocumentAsync(gateway);
        Assert.DoesNotContain(stored, d => d.Collection is "subject_profiles" or "subject_consents" or "communication_preferences" && d.Mentions(person.SubjectId));
    }

    [Fact]
    public async Task After_execution_no_stored_document_outside_the_audit_and_the_request_holds_a_readable_value_of_the_subject()
    {
        var person = await ErasedPerson.SeedAsync(gateway);
        var executed = await person.EraseAsync();

        var traces = Traces(await GatewayCollections.EveryDocumentAsync(gateway), person, executed.RequestId);
        Assert.True(traces.Count == 0, "readable traces of the erased subject:\n" + string.Join('\n', traces));

        // After the purge, not even the erased records' ids and plain fields are left: only the ledger's and purge log's tombstones name it.
        await PurgeUntilLoggedAsync(person.TenantId);
        var left = (await GatewayCollections.EveryDocumentAsync(gateway))
            .Where(d => !d.IsAudit && d.Collection is not ("shred_ledger" or "purge_log") && !(d.Collection == "erasure_requests" && d.Id == executed.RequestId))
            .Where(d => d.Mentions(person.SubjectId))
            .ToList();
        Assert.True(left.Count == 0, "documents still naming the erased subject after the purge:\n" + string.Join('\n', left));
    }

    /// <summary>A personal value in clear anywhere, or a document that ties the subject's id to its consent or profile.</summary>
    private static List<string> Traces(IEnumerable<StoredDocument> stored, ErasedPerson person, string requestId)
    {
        var traces = new List<string>();
        foreach (var document in stored.Where(d => !d.IsAudit && !(d.Collection == "erasure_requests" && d.Id == requestId)))
        {
            traces.AddRange(person.PersonalValues.Where(document.Mentions).Select(v => $"{document}: holds '{v}'"));
            if (document.Holds(ErasedPerson.DateOfBirth.UtcDateTime))
            {
                traces.Add($"{document}: holds the date of birth in clear");
            }

            if (document.Mentions(person.SubjectId) && (document.Mentions(person.ConsentId) || document.Holds(ErasedPerson.ConsentExpiry.UtcDateTime)
                || document.Collection is "subject_profiles" or "subject_consents" or "communication_preferences"))
            {
                traces.Add($"{document}: ties the subject to its consent, profile or preferences");
            }
        }

        return traces;
    }

    private Task PurgeUntilLoggedAsync(string tenantId) => ErasedPerson.PurgeUntilLoggedAsync(gateway, tenantId);
}
