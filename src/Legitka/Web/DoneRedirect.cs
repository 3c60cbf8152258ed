using System.Text.Json;
using Legitka.Photos;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Legitka.Web;

/// <summary>
/// Post/redirect/get: after a change the browser is sent back to the page by a GET, and the page says what was done
/// (carried in TempData for that one request). A reload, or the language switch, then shows the page again instead of
/// sending the form a second time. Refusals are shown at once, beside the form, with nothing changed.
/// </summary>
public static class DoneRedirect
{
    private const string Key = "done";

    /// <summary>Back to this page (at <paramref name="fragment"/>), saying <paramref name="saidPl"/>, one of <see cref="DoneTexts"/>.</summary>
    /// <param name="routeValues">The page's query (its route values are kept without it).</param>
    /// <param name="alsoPl">A second sentence, also one of <see cref="DoneTexts"/> (e.g. who will be e-mailed).</param>
    /// <param name="args">Numbers for the text's placeholders.</param>
    public static RedirectToPageResult BackWith(this PageModel page, string saidPl, string? fragment = null, string? alsoPl = null,
        IReadOnlyList<PhotoNotice>? notices = null, object? routeValues = null, params int[] args)
    {
        page.TempData[Key] = JsonSerializer.Serialize(new Done(saidPl, alsoPl, args, fragment, notices ?? []));
        return page.RedirectToPage(pageName: null, pageHandler: null, routeValues: routeValues, fragment: fragment);
    }

    /// <summary>What the change just made said, once: the next request no longer has it.</summary>
    public static Done? TakeDone(this PageModel page) =>
        page.TempData[Key] is string json ? JsonSerializer.Deserialize<Done>(json) : null;
}

/// <summary>A change that was made: what to say (with its numbers, and a second sentence), beside which part of the page, and any notices about a photo.</summary>
public sealed record Done(string Said, string? Also, int[] Args, string? At, IReadOnlyList<PhotoNotice> Notices);
