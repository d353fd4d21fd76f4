using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Core.Tests.Audit;

public sealed class AuditSubjectsTests
{
    private static ChainedAuditEvent Event(SubjectNames names, params string[] clearIds) => AuditHash.Chain("tenant-a", 1, AuditHash.Genesis,
        new AuditEntry("evt-1", DateTimeOffset.UnixEpoch, "client-1", "tenant-a", null, "RecordService.GetRecord", [], clearIds, [], AuditOutcome.Succeeded,
            "OK", null, null, null) { SubjectRefs = names.References, UnnamedSubjects = names.Unnamed });

    [Fact]
    public async Task A_query_token_is_looked_up_without_creating_a_key_and_a_subject_without_one_has_none()
    {
        var keys = new SubjectKeysInMemory();
        var subjects = new AuditSubjects(keys);

        Assert.Null(await subjects.TokenAsync("tenant-a", "subj-none", CancellationToken.None));
        Assert.Equal([("subj-none", false)], keys.Lookups);
        Assert.Null(await subjects.TokenAsync("tenant-a", "subj-none", CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_call_creates_no_key_and_counts_its_subject_unnamed_while_a_succeeded_one_names_it()
    {
        var keys = new SubjectKeysInMemory();
        var subjects = new AuditSubjects(keys);

        var refused = await subjects.NameAsync("tenant-a", ["subj-1"], createKeys: false, CancellationToken.None);
        var succeeded = await subjects.NameAsync("tenant-a", ["subj-1"], createKeys: true, CancellationToken.None);
        var noTenant = await subjects.NameAsync(null, ["subj-1"], createKeys: true, CancellationToken.None);

        Assert.Equal((0, 1), (refused.References.Count, refused.Unnamed));
        Assert.Equal((1, 0), (succeeded.References.Count, succeeded.Unnamed));
        Assert.Equal((0, 1), (noTenant.References.Count, noTenant.Unnamed));
        Assert.Equal(succeeded.References[0].Token, await subjects.TokenAsync("tenant-a", "subj-1", CancellationToken.None));
    }

    [Fact]
    public async Task An_event_shows_its_subject_while_the_key_exists_and_counts_it_erased_once_the_key_is_gone()
    {
        var keys = new SubjectKeysInMemory();
        var subjects = new AuditSubjects(keys);
        var named = await subjects.NameAsync("tenant-a", ["subj-1", "subj-2"], createKeys: true, CancellationToken.None);
        var written = Event(named, "subj-old");

        var before = Assert.Single(await subjects.OpenAsync([written], CancellationToken.None));
        keys.Shred("subj-1");
        var after = Assert.Single(await subjects.OpenAsync([written], CancellationToken.None));

        Assert.Equal(["subj-old", "subj-1", "subj-2"], before.SubjectIds.OrderBy(s => s == "subj-old" ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal));
        Assert.Equal(0, before.ErasedSubjectRefs);
        Assert.Equal(["subj-old", "subj-2"], after.SubjectIds);
        Assert.Equal(1, after.ErasedSubjectRefs);
        Assert.Null(await subjects.TokenAsync("tenant-a", "subj-1", CancellationToken.None));
    }
}
