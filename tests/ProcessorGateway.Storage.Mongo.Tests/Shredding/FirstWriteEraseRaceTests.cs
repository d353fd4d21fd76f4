using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Storage.Mongo.Keys;

namespace ProcessorGateway.Storage.Mongo.Tests.Shredding;

/// <summary>
/// Erasing a subject that has no key yet must still keep the subject id from taking new data, even
/// against a first write for that subject already under way on another replica: once the erasure has
/// replied, no key of the subject may be usable. Forced deterministically against the real test MongoDB.
/// </summary>
public sealed class FirstWriteEraseRaceTests(ShreddingStorage storage) : IClassFixture<ShreddingStorage>
{
    private const int Rounds = 3;

    [Fact]
    public async Task A_first_write_that_checked_the_ledger_before_an_erasure_does_not_leave_a_usable_subject_key_after_it()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var writer = new Replica(storage);
            var eraser = new Replica(storage);
            var tenant = await writer.NewTenantAsync();
            var subject = $"subj-{Guid.NewGuid():N}"[..16];
            var checkedLedger = new Gate(subject);
            writer.Ledger.AfterFindSubject = checkedLedger;

            // The writer's first write for the subject found no key and no tombstone, and is about to create a key.
            var create = writer.Keyring.GetSubjectKeyAsync(tenant, subject, CancellationToken.None);
            await checkedLedger.Reached.Within();

            // Meanwhile the subject is erased on another replica; it has no key yet, so the erasure destroys none.
            var erasure = await eraser.Shredder.EraseSubjectAsync(tenant.TenantId, subject, "erased before any data arrived", "race-test", CancellationToken.None).Within();
            checkedLedger.Open();

            var created = await Outcome(create);
            var stored = await new MongoKeyVault(storage.Context).FindSubjectKeyAsync(tenant.TenantId, subject, CancellationToken.None).Within();
            var later = await Outcome(new Replica(storage).Keyring.GetSubjectKeyAsync(tenant, subject, CancellationToken.None));
            Assert.True(created is DomainException { Code: DomainErrors.DataErasedCode } && stored is null && later is DomainException { Code: DomainErrors.DataErasedCode },
                $"round {round}: after EraseSubject replied (tombstone {erasure.KeyIds[0]:N}), the racing first write should fail as erased and leave no key; " +
                $"instead it {Describe(created)}, the vault holds {(stored is null ? "no key" : stored.ToString())} for the subject, " +
                $"and a later write on a fresh replica {Describe(later)}");
        }
    }

    private static async Task<object> Outcome(Task<KeyMaterial> load)
    {
        try
        {
            return (await load.Within()).Reference;
        }
        catch (DomainException e)
        {
            return e;
        }
    }

    private static string Describe(object outcome) => outcome switch
    {
        KeyReference key => $"got a usable subject key ({key})",
        DomainException e => $"failed {e.Kind} {e.Code}: {e.Message}",
        _ => outcome.ToString() ?? string.Empty,
    };
}
