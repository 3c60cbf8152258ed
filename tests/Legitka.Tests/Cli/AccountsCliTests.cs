using System.Net;
using System.Text.RegularExpressions;
using Legitka.Tests.Infrastructure;

namespace Legitka.Tests.Cli;

/// <summary>A deployment without the demo: add a school, its first secretary, who then signs in.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed partial class AccountsCliTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task New_school_and_its_secretary_from_the_command_line()
    {
        var config = fixture.App.Database.ConfigurationArgs;
        var school = await CliRunner.RunAsync(["schools", "add", "--name", "Technikum Łączności nr 14", "--rspo", "424242", "--address", "ul. Żelazna 1, 00-001 Warszawa", .. config]);
        Assert.Equal(0, school.ExitCode);
        var again = await CliRunner.RunAsync(["schools", "add", "--name", "x", "--rspo", "424242", "--address", "y", .. config]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);

        var user = await CliRunner.RunAsync(["users", "add", "nowa.sekretarka@tl14.legitka.test", "--name", "Żaneta Źrebięcka", "--role", "secretary", "--school", "424242", .. config]);
        Assert.Equal(0, user.ExitCode);
        var password = Password().Match(user.Out).Groups[1].Value;

        using var client = await fixture.App.SignInAsync("nowa.sekretarka@tl14.legitka.test", password);
        var home = await client.GetStringAsync("/");
        Assert.Contains("Technikum Łączności nr 14", home);
        Assert.DoesNotContain("Szkoła Podstawowa nr 7", home);
        using var otherSchool = await client.GetAsync("/api/v1/schools");
        Assert.Equal(HttpStatusCode.OK, otherSchool.StatusCode);
        Assert.DoesNotContain("987654", await otherSchool.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("one-time password: (\\S+)")]
    private static partial Regex Password();
}
