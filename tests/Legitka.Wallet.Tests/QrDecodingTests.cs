using Legitka.Wallet.Qr;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;

namespace Legitka.Wallet.Tests;

public sealed class QrDecodingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("legitka-qr-").FullName;

    private static List<string> Offers(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i =>
            "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString($"https://legitka.szkola.example.pl/offers/{i}-" + new string((char)('a' + i), 43))),
    ];

    [Fact]
    public void A_single_QR_code_from_QRCoder_is_read()
    {
        string offer = Offers(1)[0];
        using var png = new MemoryStream(SlipImages.SingleQrPng(offer));

        var decoded = Assert.Single(QrImageDecoder.Decode(png));

        Assert.Equal(offer, decoded.Text);
    }

    [Fact]
    public void Eight_slips_on_a_painted_page_are_all_read_in_reading_order()
    {
        var offers = Offers(8);
        using var page = SlipImages.PaintedPage(offers);
        string path = Path.Combine(_directory, "page.jpg");
        page.SaveAsJpeg(path, new JpegEncoder { Quality = 80 });

        var decoded = QrImageDecoder.Decode(path);

        Assert.Equal(offers, decoded.Select(d => d.Text));
    }

    [Fact]
    public void Eight_slips_rendered_from_a_PDF_by_pdftoppm_at_150_dpi_are_all_read()
    {
        var offers = Offers(8);
        string? png = SlipImages.RenderedPage(offers, _directory);
        Assert.SkipWhen(png is null, "pdftoppm (poppler-utils) is not installed; scripts/test.sh installs it.");

        var decoded = QrImageDecoder.Decode(png!);

        Assert.Equal(offers, decoded.Select(d => d.Text));
    }

    [Fact]
    public void A_page_with_fewer_slips_keeps_the_order()
    {
        var offers = Offers(3);
        using var page = SlipImages.PaintedPage(offers);
        using var stream = new MemoryStream();
        page.SaveAsPng(stream);
        stream.Position = 0;

        Assert.Equal(offers, QrImageDecoder.Decode(stream).Select(d => d.Text));
    }

    [Fact]
    public void An_image_without_a_QR_code_gives_nothing()
    {
        using var page = SlipImages.PaintedPage([]);
        using var stream = new MemoryStream();
        page.SaveAsPng(stream);
        stream.Position = 0;

        Assert.Empty(QrImageDecoder.Decode(stream));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
