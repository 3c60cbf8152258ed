using Legitka.Data;
using Legitka.Issuance;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>Status list entries handed out by two nodes at once: never one entry twice, and a full list gives way to a new one.</summary>
public sealed class StatusListAllocationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Two_nodes_allocating_at_once_never_share_an_entry_and_a_full_list_is_closed_for_a_new_one()
    {
        // A small list about to fill, so that the test crosses blocks and lists.
        var small = await App.WithDbAsync(async db =>
        {
            await db.StatusLists.ExecuteUpdateAsync(u => u.SetProperty(l => l.Accepting, false));
            var list = new StatusListRecord { Size = 3 * StatusLists.BlockSize + 10, CreatedAt = db.Clock.GetUtcNow().UtcDateTime };
            db.StatusLists.Add(list);
            await db.SaveChangesAsync();
            return list;
        });
        var nodes = new[] { App.Services.GetRequiredService<StatusLists>(), ActivatorUtilities.CreateInstance<StatusLists>(App.Services) };

        var slots = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () => await nodes[i % 2].AllocateAsync())));

        Assert.Equal(slots.Length, slots.Distinct().Count());
        Assert.All(slots.Where(s => s.ListId == small.Id), s => Assert.InRange(s.Index, 0, small.Size - 1));
        // A node may still hold part of its last block of the small list when the others have moved on.
        Assert.InRange(slots.Count(s => s.ListId == small.Id), small.Size - StatusLists.BlockSize, small.Size);
        var lists = await App.WithDbAsync(db => db.StatusLists.Where(l => l.Id >= small.Id).OrderBy(l => l.Id).ToListAsync());
        Assert.Equal(2, lists.Count);
        Assert.Equal((false, small.Size), (lists[0].Accepting, lists[0].Allocated));
        Assert.Equal((true, StatusLists.ListSize), (lists[1].Accepting, lists[1].Size));
        Assert.All(slots.Where(s => s.ListId != small.Id), s => Assert.Equal(lists[1].Id, s.ListId));
        // Whole blocks go to a node: the new list has handed out at least what was asked of it, at most a block more per node.
        Assert.InRange(lists[1].Allocated, slots.Count(s => s.ListId == lists[1].Id), slots.Count(s => s.ListId == lists[1].Id) + 2 * StatusLists.BlockSize);
    }
}
