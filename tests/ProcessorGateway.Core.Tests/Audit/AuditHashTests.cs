using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Core.Tests.Audit;

public sealed class AuditHashTests
{
    private static readonly AuditEntry Sample = new(
        "evt-1", new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero), "client-1", "oak-school", "attendance", "RecordService.GetRecord",
        ["rec-1"], ["subj-1"], ["attendance.status"], AuditOutcome.Succeeded, "OK", "10.0.0.1", "grpc-dotnet", null);

    // Sample's hashes as v1 and as v2 with one reference, computed from the encoding as published before categories
    // (an independent implementation of it, not this code): an event without a category must keep verifying.
    private const string PinnedV1 = "ad1fbbd2ccca823ab80a0d14ff07134d01bef27fc2c7f6c855e096d150a4ec67";
    private const string PinnedV2 = "a6d4eb478a6fc75ff85287494d9f5cd2b78bb4685222d9d951ebde23980c1e33";

    // Sample with the category service_operation (v3), and with counts and reasons (v4), from the same independent encoding.
    private const string PinnedV3 = "bd2a7da98582b9a4c39cce517268b4c9cc135987c6091453a5dfa6888a488e44";
    private const string PinnedV4Counted = "bdcd9dabebfe014317f0becf675383fc54099fc6d4c5f9603b8ea9433397b160";
    private const string PinnedV4CategoryAndReason = "2b2a5e1077fff8aba937d4f678cc84fc588980f4f32f40123636c8bbb6e0e4cc";

    [Fact]
    public void The_same_event_in_the_same_place_hashes_the_same()
    {
        Assert.Equal(AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample), AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample with { }));
        Assert.Matches("^[0-9a-f]{64}$", AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample));
    }

    public static TheoryData<string, AuditEntry> Changes() => new()
    {
        { "actor", Sample with { Actor = "client-2" } },
        { "purpose", Sample with { Purpose = "fees" } },
        { "record ids", Sample with { RecordIds = ["rec-2"] } },
        { "subject ids", Sample with { SubjectIds = [] } },
        { "fields", Sample with { Fields = ["attendance.status", "attendance.date"] } },
        { "outcome", Sample with { Outcome = AuditOutcome.Denied } },
        { "time", Sample with { Time = Sample.Time.AddMilliseconds(1) } },
        { "trace id absent vs empty", Sample with { TraceId = string.Empty } },
        { "ids moved between lists", Sample with { RecordIds = [], SubjectIds = ["rec-1", "subj-1"] } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_to_an_event_changes_its_hash(string change, AuditEntry changed)
    {
        Assert.True(AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample) != AuditHash.Compute("oak-school", 1, AuditHash.Genesis, changed), change);
    }

    [Fact]
    public void An_event_naming_subjects_by_reference_hashes_the_references_as_stored()
    {
        var reference = new SubjectReference(new ProcessorGateway.Core.Keys.KeyReference(Guid.NewGuid(), 1), [1, 2, 3], [4, 5, 6]);
        var byReference = Sample with { SubjectIds = [], SubjectRefs = [reference] };
        var hash = AuditHash.Compute("oak-school", 1, AuditHash.Genesis, byReference);

        Assert.NotEqual(AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample with { SubjectIds = [] }), AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample with { SubjectIds = [], SubjectRefs = [] }));
        Assert.Equal(hash, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, byReference with { SubjectRefs = [reference with { }] }));
        Assert.NotEqual(hash, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, byReference with { SubjectRefs = [reference with { Token = [1, 2, 4] }] }));
        Assert.NotEqual(hash, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, byReference with { SubjectRefs = [reference with { Sealed = [4, 5, 7] }] }));
        Assert.NotEqual(hash, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, byReference with { SubjectRefs = [reference with { Key = new(reference.Key.Id, 2) }] }));
        Assert.NotEqual(hash, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, byReference with { UnnamedSubjects = 1 }));
        Assert.NotEqual(hash, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, byReference with { SubjectRefs = [] }));
    }

    [Fact]
    public void A_purpose_category_is_covered_by_the_hash_and_an_event_without_one_hashes_as_it_always_did()
    {
        var reference = new SubjectReference(new ProcessorGateway.Core.Keys.KeyReference(Guid.Parse("0f8e2a4c-5b6d-4e7f-8a9b-0c1d2e3f4a5b"), 1), [1, 2, 3], [4, 5, 6]);
        var byReference = Sample with { SubjectIds = [], SubjectRefs = [reference] };
        var categorised = byReference with { PurposeCategory = "service_operation" };

        // Written before categories existed (v1 and v2): the hashes these events were stored with.
        Assert.Equal(PinnedV1, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample));
        Assert.Equal(PinnedV2, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, byReference));
        Assert.NotEqual(PinnedV2, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, categorised));
        Assert.NotEqual(AuditHash.Compute("oak-school", 1, AuditHash.Genesis, categorised),
            AuditHash.Compute("oak-school", 1, AuditHash.Genesis, categorised with { PurposeCategory = "analytics" }));
        Assert.NotEqual(AuditHash.Compute("oak-school", 1, AuditHash.Genesis, categorised with { SubjectRefs = null }),
            AuditHash.Compute("oak-school", 1, AuditHash.Genesis, categorised with { SubjectRefs = [] }));
    }

    [Fact]
    public void A_count_or_reason_hashes_as_v4_and_an_event_without_either_keeps_the_format_it_was_written_in()
    {
        var categorised = Sample with { PurposeCategory = "service_operation" };
        var counted = Sample with { Count = 100, Reason = RefusalReasons.InvalidToken };

        Assert.Equal(PinnedV3, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, categorised));
        Assert.Equal(PinnedV3, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, categorised with { Count = 1, Reason = null }));
        Assert.Equal(PinnedV1, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample with { Count = 1 }));
        Assert.Equal(PinnedV4Counted, AuditHash.Compute("oak-school", 1, AuditHash.Genesis, counted));
        Assert.Equal(PinnedV4CategoryAndReason,
            AuditHash.Compute("oak-school", 1, AuditHash.Genesis, categorised with { Reason = RefusalReasons.MissingToken }));
    }

    public static TheoryData<string, AuditEntry> CountChanges() => new()
    {
        { "count", Sample with { Count = 101, Reason = RefusalReasons.InvalidToken } },
        { "count back to one", Sample with { Reason = RefusalReasons.InvalidToken } },
        { "count without its reason", Sample with { Count = 100 } },
        { "reason", Sample with { Count = 100, Reason = RefusalReasons.ExpiredToken } },
        { "reason empty, not absent", Sample with { Count = 100, Reason = string.Empty } },
        { "neither", Sample },
    };

    [Theory]
    [MemberData(nameof(CountChanges))]
    public void Any_change_to_a_count_or_reason_changes_the_hash(string change, AuditEntry changed)
    {
        Assert.True(PinnedV4Counted != AuditHash.Compute("oak-school", 1, AuditHash.Genesis, changed), change);
    }

    [Fact]
    public void The_chain_sequence_and_previous_hash_are_part_of_the_hash()
    {
        var hash = AuditHash.Compute("oak-school", 1, AuditHash.Genesis, Sample);
        Assert.NotEqual(hash, AuditHash.Compute("elm-school", 1, AuditHash.Genesis, Sample));
        Assert.NotEqual(hash, AuditHash.Compute("oak-school", 2, AuditHash.Genesis, Sample));
        Assert.NotEqual(hash, AuditHash.Compute("oak-school", 1, new string('1', 64), Sample));
    }
}
