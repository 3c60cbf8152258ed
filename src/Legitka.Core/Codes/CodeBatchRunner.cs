using Legitka.Data;
using Legitka.Issuance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Legitka.Codes;

/// <summary>
/// Runs queued code batches in the background of `serve`: woken at once when this node queues one, and every few
/// seconds otherwise, to pick up batches queued elsewhere or left behind by a node that stopped mid-way.
/// Also erases expired slips and spent nonces now and then.
/// </summary>
public sealed class CodeBatchRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CodeBatchRunner> log) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan HousekeepingEvery = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _wake = new(0);
    private DateTimeOffset _lastHousekeeping;

    /// <summary>Tells the runner a batch is waiting.</summary>
    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOneAsync(stoppingToken))
                {
                }

                await HousekeepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Code batch processing failed; trying again shortly.");
            }

            try
            {
                await _wake.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> RunOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        var batch = await generator.ClaimNextAsync(ct);
        if (batch is null)
        {
            return false;
        }

        try
        {
            var made = await generator.RunAsync(batch, null, ct);
            log.LogInformation("Code batch {Batch} done: {Codes} codes.", batch.Id, made);
        }
        catch (LeaseLostException e)
        {
            log.LogWarning("{Message} This worker stops.", e.Message);
        }
        catch (System.Data.Common.DbException e)
        {
            log.LogWarning(e, "Code batch {Batch} hit a database error; it will be retried.", batch.Id);
            await generator.ReleaseAsync(batch, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Code batch {Batch} failed.", batch.Id);
            await generator.FailAsync(batch, e.Message, ct);
        }

        return true;
    }

    private async Task HousekeepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastHousekeeping < HousekeepingEvery)
        {
            return;
        }

        _lastHousekeeping = now;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SlipArchive>().EraseExpiredAsync(ct);
        await NonceService.PurgeAsync(scope.ServiceProvider.GetRequiredService<LegitkaDbContext>(), now, ct);
    }
}
