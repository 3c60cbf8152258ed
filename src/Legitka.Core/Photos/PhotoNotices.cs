namespace Legitka.Photos;

/// <summary>The messages for an accepted photo that was changed on the way in: turned, re-encoded, stripped.</summary>
internal static class PhotoNotices
{
    public static IReadOnlyList<PhotoNotice> For(NormalizedPhoto photo)
    {
        var notices = new List<PhotoNotice>();
        if (photo.WasRotated)
        {
            notices.Add(new("rotated",
                "The photo was stored sideways with an EXIF orientation; it has been turned upright.",
                "Zdjęcie było zapisane bokiem, z informacją o obrocie w danych EXIF; obróciliśmy je do pionu."));
        }

        if (photo.WasProgressive)
        {
            notices.Add(new("progressive_converted",
                "The photo was a progressive JPEG; it has been saved as a standard (baseline) JPEG.",
                "Zdjęcie było zapisane jako JPEG progresywny; zapisaliśmy je jako standardowy JPEG."));
        }

        if (photo.RemovedMetadata != PhotoMetadata.None)
        {
            var (en, pl) = Describe(photo.RemovedMetadata);
            notices.Add(new("metadata_removed",
                $"Metadata was removed from the file: {en}.",
                $"Usunęliśmy z pliku metadane: {pl}."));
        }

        return notices;
    }

    private static (string En, string Pl) Describe(PhotoMetadata removed)
    {
        (PhotoMetadata Flag, string En, string Pl)[] names =
        [
            (PhotoMetadata.Exif, "EXIF (camera data)", "EXIF (dane aparatu)"),
            (PhotoMetadata.Gps, "GPS location", "położenie GPS"),
            (PhotoMetadata.Xmp, "XMP", "XMP"),
            (PhotoMetadata.IccProfile, "colour profile", "profil kolorów"),
            (PhotoMetadata.Iptc, "IPTC", "IPTC"),
            (PhotoMetadata.Comment, "comment", "komentarz"),
        ];
        var present = names.Where(n => removed.HasFlag(n.Flag)).ToList();
        return (string.Join(", ", present.Select(n => n.En)), string.Join(", ", present.Select(n => n.Pl)));
    }
}
