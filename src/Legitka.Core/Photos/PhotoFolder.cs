using System.IO.Compression;

namespace Legitka.Photos;

/// <summary>
/// Reads the files of a folder or a ZIP for a bulk load, refusing oversized entries by their declared size before
/// reading them, so a ZIP bomb costs nothing.
/// </summary>
public static class PhotoFolder
{
    public const int MaxFiles = 5_000;

    public static List<PhotoFile> Read(string path, int maxBytes)
    {
        if (Directory.Exists(path))
        {
            return [.. Directory.EnumerateFiles(path).Order(StringComparer.Ordinal).Take(MaxFiles)
                .Select(f => new PhotoFile(Path.GetFileName(f), new FileInfo(f).Length > maxBytes ? null : File.ReadAllBytes(f)))];
        }

        using var stream = File.OpenRead(path);
        return ReadZip(stream, maxBytes);
    }

    public static List<PhotoFile> ReadZip(Stream zip, int maxBytes)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var files = new List<PhotoFile>();
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/') || entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) || entry.Name.StartsWith('.'))
            {
                continue;
            }

            if (files.Count == MaxFiles)
            {
                break;
            }

            if (entry.Length > maxBytes)
            {
                files.Add(new PhotoFile(entry.Name, null));
                continue;
            }

            using var content = entry.Open();
            var buffer = new MemoryStream((int)entry.Length);
            // Never trust the declared size alone: stop reading past the limit.
            var copied = CopyAtMost(content, buffer, maxBytes + 1L);
            files.Add(new PhotoFile(entry.Name, copied > maxBytes ? null : buffer.ToArray()));
        }

        return files;
    }

    private static long CopyAtMost(Stream source, Stream target, long limit)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = source.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - total))) > 0)
        {
            target.Write(chunk, 0, read);
            total += read;
        }

        return total;
    }
}
