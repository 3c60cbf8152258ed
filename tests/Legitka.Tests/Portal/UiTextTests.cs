using System.Text.RegularExpressions;
using Legitka.Web;

namespace Legitka.Tests.Portal;

public sealed partial class UiTextTests
{
    /// <summary>Every Polish text a page shows through the translator has its English.</summary>
    [Fact]
    public void Every_portal_text_has_english()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "Legitka", "Pages");
        var texts = Directory.EnumerateFiles(pages, "*.cs*", SearchOption.AllDirectories)
            .SelectMany(file => Translated().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(texts);
        var missing = texts.Where(t => !UiEnglish.Texts.ContainsKey(t)).ToList();
        Assert.True(missing.Count == 0, "No English for: " + string.Join(" | ", missing));
    }

    [Fact]
    public void Every_state_name_has_english()
    {
        var names = Enum.GetValues<Legitka.Applications.ApplicationState>().Select(UiStates.Application)
            .Concat(Enum.GetValues<Legitka.Photos.PhotoState>().Select(UiStates.Photo))
            .Concat(Enum.GetValues<Legitka.Photos.BulkPhotoOutcome>().Select(UiStates.BulkPhoto))
            .Concat(Enum.GetValues<Legitka.Codes.ActivationStage>().Select(UiStates.Activation))
            .Concat(Enum.GetValues<Legitka.Codes.OfferState>().Select(UiStates.Offer))
            .Concat(Enum.GetValues<Legitka.Codes.CodeBatchState>().Select(UiStates.Batch))
            .Concat(AuditActions.Labels)
            .Concat(DoneTexts.All)
            .Concat([ActorNames.CommandLine, ActorNames.System])
            .Concat(Legitka.Photos.PhotoReview.CommonRejectionReasons);
        Assert.All(names, name => Assert.True(UiEnglish.Texts.ContainsKey(name), "No English for: " + name));
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Legitka.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [GeneratedRegex("T(?:\\.Format\\(|\\[)\"([^\"]+)\"|(?:Error|Message) = \"([^\"]+)\"")]
    private static partial Regex Translated();
}
