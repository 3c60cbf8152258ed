using SixLabors.ImageSharp;

namespace Legitka.Wallet.Tests;

/// <summary><c>activate --qr</c>: a photo of one slip, or a page of eight that needs <c>--index</c>.</summary>
public sealed class QrActivationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("legitka-qr-cli-").FullName;

    [Fact]
    public async Task A_photo_of_one_slip_activates_the_card()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var cli = new WalletCli();
        string image = Path.Combine(_directory, "slip.png");
        await File.WriteAllBytesAsync(image, SlipImages.SingleQrPng(issuer.CreateOffer(documentNumber: "Q/1")), TestContext.Current.CancellationToken);

        var (exit, output) = await cli.RunAsync("activate", "--qr", image, "--code", "4821 0937");

        Assert.True(exit == 0, output);
        Assert.Equal("Q/1", (await cli.ShowJsonAsync())[0].GetProperty("document_number").GetString());
    }

    [Fact]
    public async Task A_page_of_slips_needs_an_index_and_then_activates_that_slip()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var cli = new WalletCli();
        var offers = Enumerable.Range(1, 8).Select(i => issuer.CreateOffer(txCode: $"1000000{i}", documentNumber: $"P/{i}")).ToList();
        string image = Path.Combine(_directory, "page.png");
        using (var page = SlipImages.PaintedPage(offers))
        {
            await page.SaveAsPngAsync(image, TestContext.Current.CancellationToken);
        }

        var (exit, output) = await cli.RunAsync("activate", "--qr", image, "--code", "10000003");
        Assert.Equal(1, exit);
        Assert.Contains("8 offer QR codes", output);
        Assert.Contains("--index", output);
        Assert.DoesNotContain(issuer.Requests, r => r.StartsWith("GET /offers/", StringComparison.Ordinal));

        (exit, output) = await cli.RunAsync("activate", "--qr", image, "--index", "3", "--code", "1000 0003");
        Assert.True(exit == 0, output);
        Assert.Equal("P/3", (await cli.ShowJsonAsync())[0].GetProperty("document_number").GetString());

        (exit, output) = await cli.RunAsync("activate", "--qr", image, "--index", "9", "--code", "10000003");
        Assert.Equal(1, exit);
        Assert.Contains("out of range", output);
    }

    [Fact]
    public async Task An_image_without_an_offer_is_refused()
    {
        using var cli = new WalletCli();
        string image = Path.Combine(_directory, "other.png");
        await File.WriteAllBytesAsync(image, SlipImages.SingleQrPng("https://legitka.example.pl/pomoc"), TestContext.Current.CancellationToken);

        var (exit, output) = await cli.RunAsync("activate", "--qr", image, "--code", "48210937");

        Assert.Equal(1, exit);
        Assert.Contains("no credential offer QR code found", output);
    }

    [Fact]
    public async Task Qr_and_offer_together_are_a_usage_error()
    {
        using var cli = new WalletCli();
        var (exit, output) = await cli.RunAsync("activate", "--qr", "x.png", "--offer", "openid-credential-offer://?credential_offer_uri=x", "--code", "1");
        Assert.Equal(1, exit);
        Assert.Contains("exactly one of --qr", output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
