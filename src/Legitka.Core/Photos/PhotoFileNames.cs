using System.Globalization;
using System.Text;
using Legitka.Registry;

namespace Legitka.Photos;

/// <summary>
/// Matches e-mailed photo files to pupils by name, as schools receive them (seed 001: "named with the pupil's name
/// and class"): <c>Jan Kowalski 1A.jpg</c>, <c>kowalski_jan_1a.jpeg</c>, with or without diacritics, in any case.
/// </summary>
public sealed class PhotoFileNames
{
    private readonly Dictionary<string, Guid> _classIdsByName;
    private readonly List<(Pupil Pupil, HashSet<string> Family, HashSet<string> Given)> _pupils;

    public PhotoFileNames(IEnumerable<SchoolClass> classes, IEnumerable<Pupil> pupils)
    {
        _classIdsByName = classes.ToDictionary(c => Normalize(c.Name).Replace(" ", "", StringComparison.Ordinal), c => c.Id);
        _pupils = [.. pupils.Select(p => (p, Tokens(p.FamilyName).ToHashSet(), Tokens(p.GivenNames).ToHashSet()))];
    }

    /// <summary>The pupils a file name could mean: none (unmatched), one (matched) or several (ambiguous).</summary>
    public IReadOnlyList<Pupil> Candidates(string fileName)
    {
        var tokens = Tokens(Path.GetFileNameWithoutExtension(fileName)).ToList();
        Guid? classId = null;
        foreach (var token in tokens.ToList())
        {
            if (_classIdsByName.TryGetValue(token, out var id))
            {
                classId = id;
                tokens.Remove(token);
                break;
            }
        }

        // "Jan Kowalski 1 A": a class name split by a space.
        if (classId is null && tokens.Count >= 2 && _classIdsByName.TryGetValue(tokens[^2] + tokens[^1], out var split))
        {
            classId = split;
            tokens.RemoveRange(tokens.Count - 2, 2);
        }

        if (tokens.Count == 0)
        {
            return [];
        }

        // Every word of the file names the pupil; the whole family name and at least one given name are there.
        return [.. _pupils
            .Where(p => classId is null || p.Pupil.ClassId == classId)
            .Where(p => tokens.All(t => p.Family.Contains(t) || p.Given.Contains(t))
                        && p.Family.All(tokens.Contains) && p.Given.Any(tokens.Contains))
            .Select(p => p.Pupil)];
    }

    private static IEnumerable<string> Tokens(string text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Lower case, no diacritics (ł has no decomposition, so it is mapped by hand), separators as spaces.</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.ToLowerInvariant().Replace('ł', 'l').Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            result.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return result.ToString();
    }
}
