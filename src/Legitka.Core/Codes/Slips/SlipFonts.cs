using PdfSharp.Fonts;

namespace Legitka.Codes.Slips;

/// <summary>
/// Serves the embedded DejaVu Sans (regular and bold) to PDFsharp, for every family name, so that slips render the
/// same with no system fonts at all and always have the Polish letters. Italic is simulated from the upright faces.
/// </summary>
internal sealed class SlipFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lazy<byte[]> RegularBytes = new(() => Load(Regular));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Load(Bold));

    public static SlipFontResolver Instance { get; } = new();

    private SlipFontResolver()
    {
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faceName switch
    {
        Regular => RegularBytes.Value,
        Bold => BoldBytes.Value,
        _ => throw new ArgumentException($"No embedded font face '{faceName}'.", nameof(faceName)),
    };

    private static byte[] Load(string face)
    {
        var name = $"Legitka.Codes.Slips.Fonts.{face}.ttf";
        using var stream = typeof(SlipFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font {name} is missing from {typeof(SlipFontResolver).Assembly.GetName().Name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}

/// <summary>Installs <see cref="SlipFontResolver"/> as PDFsharp's process-wide resolver, once, from any thread.</summary>
internal static class SlipFonts
{
    private static readonly Lock Gate = new();
    private static volatile bool _installed;

    public static void EnsureInstalled()
    {
        if (_installed)
        {
            return;
        }

        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            // PDFsharp allows one resolver per process, set before the first font is used. Nothing else in Legitka
            // sets one; if something ever does, fail loudly rather than print slips in a font without Polish letters.
            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = SlipFontResolver.Instance;
                    break;
                case SlipFontResolver:
                    break;
                case var other:
                    throw new InvalidOperationException(
                        $"PDFsharp already has the font resolver {other.GetType().FullName}; slips need {nameof(SlipFontResolver)}.");
            }

            _installed = true;
        }
    }
}
