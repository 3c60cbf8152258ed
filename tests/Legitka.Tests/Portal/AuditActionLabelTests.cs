using System.Text.RegularExpressions;
using Legitka.Web;

namespace Legitka.Tests.Portal;

/// <summary>Every action the code writes to the audit log has words on the audit page (not its raw code).</summary>
public sealed partial class AuditActionLabelTests
{
    [Fact]
    public void Every_audited_action_in_the_source_has_a_label()
    {
        var source = Path.Combine(UiTextTests.RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains("Migrations", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .Where(text => AuditCall().IsMatch(text))
            .ToList();
        var actions = files.SelectMany(text => ActionCode().Matches(text).Select(m => m.Groups[1].Value))
            .Concat(["mobileid.credential-accepted", "mobileid.credential-failure", "mobileid.credential-deleted"]) // built from the wallet's event
            .Distinct().ToList();

        Assert.Contains("photo.accepted", actions); // the scan finds what it should
        Assert.All(actions, action => Assert.NotEqual(action, AuditActions.Label(action)));
    }

    [GeneratedRegex(@"\b(Audit|AuditLater|NewAuditEntry)\(")]
    private static partial Regex AuditCall();

    /// <summary>String literals shaped like an action ("photo.accepted"); other dotted strings in those files have other shapes.</summary>
    [GeneratedRegex("\"((?:account|activation|application|audit|class|codes|demo|guardian|issuer-key|mobileid|objection|photo|pupil|register|school|user)\\.[a-z0-9-]+)\"")]
    private static partial Regex ActionCode();
}
