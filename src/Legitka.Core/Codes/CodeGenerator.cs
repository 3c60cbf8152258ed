using System.Security.Cryptography;
using System.Text.Json;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Procedure;
using Legitka.Readiness;
using Legitka.Registry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Legitka.Codes;

/// <summary>
/// Makes activation codes in batches: a request is queued as a <see cref="CodeBatch"/>, then run class by class,
/// each class in one transaction (void the pupils' unused codes, insert the new offers, keep the encrypted slips,
/// close the class's readiness report, audit). A batch interrupted midway resumes at the next class.
/// </summary>
public sealed class CodeGenerator(
    LegitkaDbContext db,
    ClassReadiness readiness,
    IServiceScopeFactory scopes,
    CodeHasher hasher,
    SlipArchive slips,
    IOptions<LegitkaOptions> options)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Queues a batch for the given ready classes, or for one ready pupil. With <paramref name="holdLease"/> the
    /// caller runs it at once (the command line); otherwise the background runner picks it up.
    /// <paramref name="replaceUnusedCodes"/>: see <see cref="CodeBatch.ReplaceUnusedCodes"/>.
    /// </summary>
    public async Task<CodeRequestResult> RequestAsync(Guid schoolId, Actor actor, IReadOnlyCollection<Guid> classIds, Guid? pupilId,
        bool holdLease, bool replaceUnusedCodes = false, CancellationToken ct = default)
    {
        if (classIds.Count == 0 == (pupilId is null))
        {
            throw new ArgumentException("Name classes or one pupil, not both and not neither.");
        }

        if (await db.CodeBatches.AnyAsync(b => b.SchoolId == schoolId && (b.State == CodeBatchState.Queued || b.State == CodeBatchState.Running), ct))
        {
            return BatchRunning;
        }

        int total;
        if (pupilId is { } one)
        {
            var pupil = await db.Pupils.AsNoTracking().SingleOrDefaultAsync(p => p.Id == one && p.SchoolId == schoolId, ct);
            if (pupil is null)
            {
                return CodeRequestResult.Refused(ProcedureResult.NotFound);
            }

            total = await (await readiness.ReadyAsync(schoolId, db.Pupils.Where(p => p.Id == one), ct)).CountAsync(ct);
            if (total == 0)
            {
                return CodeRequestResult.Refused(ProcedureResult.Refused("pupil_not_ready",
                    "The pupil is not ready for codes: an approved application (or no objection), an accepted photo and a valid card are needed.",
                    "Uczeń nie jest gotowy do wydania kodu: potrzebny jest wniosek (albo brak sprzeciwu), zaakceptowane zdjęcie i ważna legitymacja."));
            }
        }
        else
        {
            var open = await db.ReadinessReports.Where(r => r.SchoolId == schoolId && r.ClosedAt == null && classIds.Contains(r.ClassId))
                .Select(r => new { r.ClassId, r.ReadyPupils }).ToListAsync(ct);
            var notReady = classIds.Except(open.Select(r => r.ClassId)).ToList();
            if (notReady.Count > 0)
            {
                var names = await db.Classes.Where(c => notReady.Contains(c.Id) && c.SchoolId == schoolId).Select(c => c.Name).ToListAsync(ct);
                return CodeRequestResult.Refused(ProcedureResult.Refused("class_not_ready",
                    $"Not reported ready (or already taken into codes): {string.Join(", ", names.DefaultIfEmpty("unknown class"))}.",
                    $"Klasy niezgłoszone jako gotowe (albo już z kodami): {string.Join(", ", names.DefaultIfEmpty("nieznana klasa"))}."));
            }

            // As many as the homeroom teachers reported ready (one open report per class). Counting the ready pupils
            // here would run the readiness query over the whole school once more before the batch reads them again
            // (a fifth of the time of a 20,000-pupil batch on PostgreSQL); the batch ends with the exact count.
            total = open.Sum(r => r.ReadyPupils);
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var batch = new CodeBatch
        {
            SchoolId = schoolId,
            RequestedById = actor.UserId,
            RequestedByName = actor.Name,
            CreatedAt = now,
            ClassIds = JsonSerializer.Serialize(classIds),
            PupilId = pupilId,
            ReplaceUnusedCodes = replaceUnusedCodes,
            Total = total,
            State = holdLease ? CodeBatchState.Running : CodeBatchState.Queued,
            LeaseToken = holdLease ? Guid.NewGuid() : null,
            LeaseUntil = holdLease ? now + Lease : null,
        };
        db.CodeBatches.Add(batch);
        db.Audit(actor, "codes.requested", nameof(CodeBatch), batch.Id, schoolId,
            new { classes = classIds.Count, pupil = pupilId, reported_ready = total, replace_unused = replaceUnusedCodes });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Another request got in between the check above and this insert, and the index let only one through.
            if (await db.CodeBatches.AnyAsync(b => b.SchoolId == schoolId && (b.State == CodeBatchState.Queued || b.State == CodeBatchState.Running), ct))
            {
                return BatchRunning;
            }

            throw;
        }

        return CodeRequestResult.Queued(batch);
    }

    // A second batch would void the first one's codes while its slips are being printed.
    private static readonly CodeRequestResult BatchRunning = CodeRequestResult.Refused(ProcedureResult.Refused("batch_running",
        "Codes are being generated for this school right now; wait for that batch to finish.",
        "Dla tej szkoły właśnie trwa generowanie kodów; poczekaj, aż się zakończy."));

    /// <summary>Takes a queued batch, or one whose worker's lease has lapsed; null when there is none.</summary>
    public async Task<CodeBatch?> ClaimNextAsync(CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var candidates = await db.CodeBatches.AsNoTracking()
            .Where(b => b.State == CodeBatchState.Queued || (b.State == CodeBatchState.Running && b.LeaseUntil < now))
            .OrderBy(b => b.CreatedAt).Select(b => new { b.Id, b.LeaseToken }).Take(5).ToListAsync(ct);
        foreach (var candidate in candidates)
        {
            var token = Guid.NewGuid();
            var claimed = await db.CodeBatches
                .Where(b => b.Id == candidate.Id && b.LeaseToken == candidate.LeaseToken
                    && (b.State == CodeBatchState.Queued || (b.State == CodeBatchState.Running && b.LeaseUntil < now)))
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.LeaseToken, token).SetProperty(b => b.LeaseUntil, now + Lease)
                    .SetProperty(b => b.State, CodeBatchState.Running), ct);
            if (claimed == 1)
            {
                return await db.CodeBatches.AsNoTracking().SingleAsync(b => b.Id == candidate.Id, ct);
            }
        }

        return null;
    }

    /// <summary>
    /// Runs a batch the caller holds the lease of, to the end. Whole classes are grouped into transactions of up to
    /// 2,000 codes: small enough that progress moves and a restart loses little, large enough that a
    /// school of a thousand pupils takes a handful of commits. Progress is reported after each transaction. Returns
    /// the number of codes the batch made.
    /// </summary>
    public async Task<int> RunAsync(CodeBatch batch, IProgress<CodeBatchProgress>? progress = null, CancellationToken ct = default)
    {
        var token = batch.LeaseToken ?? throw new InvalidOperationException("Run a batch only while holding its lease.");
        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Id == batch.SchoolId, ct);
        var classIds = batch.PupilId is { } pupilId
            ? [await db.Pupils.Where(p => p.Id == pupilId).Select(p => p.ClassId).SingleAsync(ct)]
            : JsonSerializer.Deserialize<List<Guid>>(batch.ClassIds) ?? [];
        var finished = await db.SlipSets.Where(s => s.BatchId == batch.Id).Select(s => s.ClassId).ToListAsync(ct);
        var remaining = classIds.Except(finished).ToList();
        var sizes = await db.Pupils.Where(p => remaining.Contains(p.ClassId)).GroupBy(p => p.ClassId)
            .Select(g => new { ClassId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ClassId, g => g.Count, ct);
        var (done, total) = (batch.Done, batch.Total);
        progress?.Report(new CodeBatchProgress(done, total));
        // Two chunks at a time, each read, computed and written in a scope of its own: while one chunk's transaction
        // writes, the next is prepared, and on PostgreSQL written beside it: the voiding and the inserts overlap, the
        // rest waits for the audit chain's lock. SQLite has one writer (a second would only wait), and so do tests that
        // stop a batch between two chunks. A pupil moved to another class between two chunks' reads may get a code in
        // both: the open-code index refuses the second, the chunk fails, and the batch resumes with it.
        var chunks = Chunks(remaining, id => sizes.GetValueOrDefault(id), ChunkSize).ToList();
        using var writers = new SemaphoreSlim(db.Database.IsNpgsql() ? WritersAtOnce : 1);
        var counting = new Lock();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (chunkClassIds, cancel) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var chunk = await PrepareAsync(scope.ServiceProvider, batch, school, chunkClassIds, cancel);
            await writers.WaitAsync(cancel);
            try
            {
                var written = await WriteAsync(scope.ServiceProvider.GetRequiredService<LegitkaDbContext>(), batch, token, school, chunk, cancel);
                // Inside the gate: with one writer, progress is reported before the next chunk writes.
                lock (counting)
                {
                    done += written;
                    total = Math.Max(done, total);
                    progress?.Report(new CodeBatchProgress(done, total));
                }
            }
            finally
            {
                writers.Release();
            }
        });

        // The total was what the classes' reports said; a pupil may have become ready, or stopped being, since.
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.CodeBatches.Where(b => b.Id == batch.Id && b.LeaseToken == token)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.State, CodeBatchState.Done).SetProperty(b => b.FinishedAt, now)
                .SetProperty(b => b.Total, b => b.Done)
                .SetProperty(b => b.LeaseToken, (Guid?)null).SetProperty(b => b.LeaseUntil, (DateTime?)null), ct);
        if (total != done)
        {
            progress?.Report(new CodeBatchProgress(done, done));
        }

        return done;
    }

    /// <summary>Codes per transaction, at most (a class is never split); smaller in tests of a resumed batch.</summary>
    internal int ChunkSize { get; set; } = 2_000;

    /// <summary>Transactions writing at once on PostgreSQL (SQLite: one); one in the test of a batch taken over between chunks.</summary>
    internal int WritersAtOnce { get; set; } = 2;

    /// <summary>Gives up a batch for good (a bug, not a hiccup); only the worker holding the lease may.</summary>
    public async Task FailAsync(CodeBatch batch, string error, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var message = error.Length > 1000 ? error[..1000] : error;
        await db.CodeBatches.Where(b => b.Id == batch.Id && b.LeaseToken == batch.LeaseToken)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.State, CodeBatchState.Failed).SetProperty(b => b.FinishedAt, now)
                .SetProperty(b => b.Error, message).SetProperty(b => b.LeaseToken, (Guid?)null), ct);
    }

    /// <summary>Lets the lease lapse at once after a passing failure (database restarting), so a worker retries soon.</summary>
    public Task ReleaseAsync(CodeBatch batch, CancellationToken ct = default)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return db.CodeBatches.Where(b => b.Id == batch.Id && b.LeaseToken == batch.LeaseToken)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.LeaseUntil, now), ct);
    }

    private static IEnumerable<List<Guid>> Chunks(List<Guid> classIds, Func<Guid, int> size, int chunkSize)
    {
        var chunk = new List<Guid>();
        var pupils = 0;
        foreach (var id in classIds)
        {
            if (chunk.Count > 0 && pupils + size(id) > chunkSize)
            {
                yield return chunk;
                (chunk, pupils) = ([], 0);
            }

            chunk.Add(id);
            pupils += size(id);
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>
    /// What one transaction will write, made beforehand and outside it: the ready pupils of some classes (or the
    /// batch's one pupil), their new codes and keyed hashes, and the sealed slips.
    /// </summary>
    private sealed record PreparedChunk(List<Guid> ClassIds, List<ActivationOffer> Offers, List<Guid> ToVoid,
        Dictionary<Guid, List<IssuedCode>> CodesByClass, List<SlipSet> Slips, DateTimeOffset Now);

    /// <summary>
    /// Reads and computes a chunk in its own scope, so that it can run while another chunk's transaction writes: on
    /// two cores the codes, hashes and slips of the next classes cost no time on the way.
    /// </summary>
    private async Task<PreparedChunk> PrepareAsync(IServiceProvider scope, CodeBatch batch, School school, List<Guid> classIds, CancellationToken ct)
    {
        var reader = scope.GetRequiredService<LegitkaDbContext>();
        var readiness = scope.GetRequiredService<ClassReadiness>();
        var classNames = await reader.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var scopeOfPupils = batch.PupilId is { } one ? reader.Pupils.Where(p => p.Id == one) : reader.Pupils.Where(p => classIds.Contains(p.ClassId));
        var pupils = (await (await readiness.ReadyAsync(school.Id, scopeOfPupils, ct)).AsNoTracking()
            .Select(p => new
            {
                p.Id, p.ClassId, p.GivenNames, p.FamilyName,
                HadCode = reader.ActivationOffers.Any(o => o.PupilId == p.Id),
            }).ToListAsync(ct))
            // Slips in the order of the class register, as the teacher hands them out.
            .OrderBy(p => p.FamilyName, PolishOrder.Names).ThenBy(p => p.GivenNames, PolishOrder.Names).ToList();
        // A class's codes are for the pupils without a working, current mLegitymacja: used, a new code would end the one on
        // their phone. One that shows a card no longer valid (renewed, replaced) is not current: those pupils get codes.
        // Nor, unless the secretary asks to replace them, for pupils whose slip still works: a class reported ready again
        // (a late photo, a new pupil) must not void the slips its teacher has handed out. (A pupil changing phones or who
        // lost a slip gets a code from the pupil's page: the one-pupil batch.) Only a pupil who had a code can hold either,
        // so a first batch reads nothing more.
        var hadCodes = pupils.Where(p => p.HadCode).Select(p => p.Id).ToList();
        if (batch.PupilId is null && hadCodes.Count > 0)
        {
            var nowUtc = reader.Clock.GetUtcNow().UtcDateTime;
            var today = Registry.WarsawCalendar.Today(reader.Clock);
            var served = (await reader.IssuedMobileIds.Where(Issuance.IssuedMobileId.WorkingAt(nowUtc)).Where(c => EF.Parameter(hadCodes).Contains(c.PupilId)
                    && reader.Cards.Any(card => card.PupilId == c.PupilId && card.Number == c.CardNumber && card.InvalidatedAt == null && card.ValidUntil >= today))
                .Select(c => c.PupilId).ToListAsync(ct)).ToHashSet();
            if (!batch.ReplaceUnusedCodes)
            {
                // A slip whose code was accepted but whose mLegitymacja the phone never collected still works: it opens again.
                served.UnionWith(await reader.ActivationOffers.Where(o => EF.Parameter(hadCodes).Contains(o.PupilId) && o.ExpiresAt > nowUtc
                        && (o.State == OfferState.Open || (o.State == OfferState.Redeemed && o.CredentialId == null)))
                    .Select(o => o.PupilId).ToListAsync(ct));
            }

            pupils = [.. pupils.Where(p => !served.Contains(p.Id))];
        }

        // Two pupils of one name in a class must not swap slips (each would get the other's card): their slips also name
        // the card readiness found (the newest not invalidated). Only theirs: reading every pupil's card cost about a
        // tenth of the first codes' rate on PostgreSQL, and most classes have no such pair.
        var namesakes = pupils.GroupBy(p => (p.ClassId, Name: SlipName(p.GivenNames, p.FamilyName))).Where(g => g.Count() > 1)
            .SelectMany(g => g.Select(p => p.Id)).ToList();
        var cardNumbers = namesakes.Count == 0 ? [] : (await reader.Cards.Where(c => EF.Parameter(namesakes).Contains(c.PupilId) && c.InvalidatedAt == null)
                .Select(c => new { c.PupilId, c.Number, c.IssueDate }).ToListAsync(ct))
            .GroupBy(c => c.PupilId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.IssueDate)!.Number);

        // Any pupil who ever had a code may hold an open one by the time this chunk is written (a slip can be opened
        // again meanwhile), so all of them are voided then; on a first batch nobody had one, and the statement is skipped.
        var toVoid = pupils.Where(p => p.HadCode).Select(p => p.Id).ToList();

        var now = reader.Clock.GetUtcNow();
        var issuerId = options.Value.IssuerId;
        var offers = new List<ActivationOffer>(pupils.Count);
        var byClass = classIds.ToDictionary(id => id, _ => new List<IssuedCode>());
        var (firstExpiresAt, laterExpiresAt) = (CodeRules.ExpiresAt(now, school.FirstCodeValidDays), CodeRules.ExpiresAt(now, school.LaterCodeValidDays));
        foreach (var pupil in pupils)
        {
            var expiresAt = pupil.HadCode ? laterExpiresAt : firstExpiresAt;
            var offerId = Guid.CreateVersion7();
            var (reference, referenceHash) = OfferReference.Make(offerId, hasher);
            var activationCode = RandomNumberGenerator.GetInt32(100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            var offer = new ActivationOffer
            {
                Id = offerId,
                SchoolId = school.Id,
                PupilId = pupil.Id,
                BatchId = batch.Id,
                ReferenceHash = referenceHash,
                ActivationCodeHash = hasher.Hash(HashPurpose.ActivationCode, activationCode),
                CreatedAt = now.UtcDateTime,
                ExpiresAt = expiresAt.UtcDateTime,
            };
            offers.Add(offer);
            byClass[pupil.ClassId].Add(new IssuedCode(offer.Id, pupil.Id, $"{pupil.GivenNames} {pupil.FamilyName}", classNames[pupil.ClassId],
                CodeRules.OfferUri(issuerId, reference), activationCode, expiresAt, cardNumbers.GetValueOrDefault(pupil.Id)));
        }

        // Sealed outside the transaction that writes this chunk: the very first encryption creates the Data Protection
        // key, written through a connection of its own, which SQLite would make wait forever for a write lock held by
        // the same caller. (While the previous chunk writes, such a key write waits for that commit, no longer.)
        // A class whose every pupil was left out gets no slip set: an empty one would be offered for printing.
        var sealedSlips = byClass.Where(c => c.Value.Count > 0).Select(c => slips.Seal(batch, c.Key, c.Value, now)).ToList();
        return new PreparedChunk(classIds, offers, toVoid, byClass, sealedSlips, now);
    }

    /// <summary>A name as a teacher reads it off a slip: spacing and letter case do not tell two pupils apart.</summary>
    private static string SlipName(string givenNames, string familyName) =>
        string.Join(' ', $"{givenNames} {familyName}".Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>Writes a prepared chunk in one transaction: void the old codes, insert the new, keep the slips, close the reports, audit.</summary>
    private static async Task<int> WriteAsync(LegitkaDbContext db, CodeBatch batch, Guid token, School school, PreparedChunk chunk, CancellationToken ct)
    {
        var now = chunk.Now;
        if (!await db.CodeBatches.AnyAsync(b => b.Id == batch.Id && b.LeaseToken == token, ct))
        {
            throw new LeaseLostException(batch.Id);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (chunk.ToVoid.Count > 0)
        {
            // One parameter holding the list (JSON on SQLite, an array on PostgreSQL), not one per pupil: SQLite binds
            // thousands of named parameters in quadratic time.
            // Open codes only, found through their partial index. A code accepted but never collected is left as it is: it
            // does not open again once a newer code exists (Offers), and a credential it still yields within the access
            // token's minutes went to the pupil who typed the right code. (Matching it here too would make the statement
            // read every offer the pupils ever had instead of their one open code.)
            await db.ActivationOffers.Where(o => EF.Parameter(chunk.ToVoid).Contains(o.PupilId) && o.State == OfferState.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OfferState.Voided).SetProperty(o => o.EndedAt, now.UtcDateTime)
                    .SetProperty(o => o.EndReason, "replaced by a new code"), ct);
        }

        // Rows go in through multi-row inserts, not the change tracker: a chunk is thousands of offers.
        await BulkInsert.InsertAsync(db, chunk.Offers, ct);
        await BulkInsert.InsertAsync(db, chunk.Slips, ct);
        var actor = new Actor(batch.RequestedById, batch.RequestedByName);
        await db.AppendAuditEntriesAsync([.. chunk.CodesByClass.Select(c => db.NewAuditEntry(actor, "codes.generated", nameof(SchoolClass), c.Key, school.Id,
            new { batch = batch.Id, pupils = c.Value.Select(code => code.PupilId) }))], ct);

        if (batch.PupilId is null)
        {
            await db.ReadinessReports.Where(r => chunk.ClassIds.Contains(r.ClassId) && r.ClosedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosedAt, now.UtcDateTime), ct);
        }

        // Last, so that the batch's row is locked only just before the commit (not through a chunk written beside this
        // one), and so that nothing commits for a worker that lost its lease meanwhile.
        var stillOurs = await db.CodeBatches.Where(b => b.Id == batch.Id && b.LeaseToken == token)
            // The total came from the classes' reports; a pupil who became ready since (or joined the class) raises it.
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.Done, b => b.Done + chunk.Offers.Count)
                .SetProperty(b => b.Total, b => b.Done + chunk.Offers.Count > b.Total ? b.Done + chunk.Offers.Count : b.Total)
                .SetProperty(b => b.LeaseUntil, db.Clock.GetUtcNow().UtcDateTime + Lease), ct);
        if (stillOurs == 0)
        {
            throw new LeaseLostException(batch.Id);
        }

        await transaction.CommitAsync(ct);
        return chunk.Offers.Count;
    }
}

public sealed record CodeBatchProgress(int Done, int Total);

/// <summary>Another worker took the batch over (this one stalled past its lease): stop, and leave the batch to it.</summary>
public sealed class LeaseLostException(Guid batchId) : Exception($"Code batch {batchId} was taken over by another worker.");

public sealed record CodeRequestResult(CodeBatch? Batch, ProcedureResult Outcome)
{
    public static CodeRequestResult Queued(CodeBatch batch) => new(batch, ProcedureResult.Ok);

    public static CodeRequestResult Refused(ProcedureResult outcome) => new(null, outcome);
}
