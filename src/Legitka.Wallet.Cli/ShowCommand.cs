using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Legitka.Wallet.Storage;
using Spectre.Console;

namespace Legitka.Wallet.Cli;

/// <summary>
/// <c>legitka-wallet show [--wallet DIR] [--json]</c>: every stored card and its live status, fetched from the
/// issuer's status list and verified with the issuer's keys. Exit 0 (whatever the statuses), 1 if the wallet cannot be read.
/// </summary>
internal static class ShowCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static Command Create(WalletCliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Wynik jako JSON / machine-readable output." };
        var wallet = WalletCommands.WalletOption(context);
        var command = new Command("show", "Pokaż legitymacje i ich status / show the stored cards and their live status.") { wallet, json };
        command.SetAction(async (parse, ct) =>
        {
            var store = new WalletStore(WalletCommands.WalletDirectory(parse, wallet, context));
            var problems = new List<string>();
            IReadOnlyList<StoredCredential> credentials;
            try
            {
                credentials = await store.LoadCredentialsAsync(problems, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Terminal.Error(parse.InvocationConfiguration.Error, "Nie można odczytać portfela", "cannot read the wallet", e.Message);
                return 1;
            }

            var rows = new List<CardRow>(credentials.Count);
            using (var http = context.CreateHttpClient())
            {
                var client = new WalletClient(http, context.Time);
                foreach (var credential in credentials)
                {
                    var status = await client.CheckStatusAsync(credential.Credential, ct);
                    rows.Add(new CardRow(credential, status));
                }
            }

            foreach (var problem in problems)
            {
                parse.InvocationConfiguration.Error.WriteLine($"warning: {problem}");
            }

            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(rows.Select(ToJson), Json));
            }
            else
            {
                Print(Terminal.For(parse.InvocationConfiguration.Output), store, rows);
            }

            return 0;
        });
        return command;
    }

    private static CardJson ToJson(CardRow row) => new(
        row.Credential.Card.GivenName,
        row.Credential.Card.FamilyName,
        row.Credential.Card.School,
        row.Credential.Card.ClassName,
        row.Credential.Card.DocumentNumber,
        row.Credential.Card.ExpiryDate,
        row.Status.Label,
        row.Status.Message,
        row.Credential.KeyThumbprint,
        row.Credential.IssuedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        row.Credential.Issuer,
        row.Credential.Id);

    private static void Print(IAnsiConsole console, WalletStore store, List<CardRow> rows)
    {
        if (rows.Count == 0)
        {
            console.MarkupLine($"Brak legitymacji w portfelu / no cards in the wallet ({Markup.Escape(store.Directory)}).");
            return;
        }

        foreach (var row in rows)
        {
            var card = row.Credential.Card;
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            grid.AddRow(new Markup("[bold]Imię i nazwisko / Name[/]"), new Markup($"[bold]{Markup.Escape(card.FullName)}[/]"));
            grid.AddRow("Szkoła / School", Markup.Escape(card.School ?? "—"));
            grid.AddRow("Klasa / Class", Markup.Escape(card.ClassName ?? "—"));
            grid.AddRow("Nr legitymacji / Card no.", Markup.Escape(card.DocumentNumber ?? "—"));
            grid.AddRow("Ważna do / Valid until", Markup.Escape(Terminal.Date(card.ExpiryDate)));
            grid.AddRow(new Markup("Status"), new Markup(StatusMarkup(row.Status)));
            if (row.Status.Status != CardStatus.Valid && row.Status.Message is not null)
            {
                grid.AddRow(new Markup("[grey]Szczegóły / Details[/]"), new Markup($"[grey]{Markup.Escape(row.Status.Message)}[/]"));
            }

            var color = row.Status.Status == CardStatus.Valid ? Color.Green : Color.Red;
            console.Write(new Panel(grid)
            {
                Header = new PanelHeader(" mLegitymacja szkolna / school ID "),
                Border = BoxBorder.Rounded,
                BorderStyle = new Style(color),
            });
        }
    }

    private static string StatusMarkup(CardStatusResult status) => status.Status switch
    {
        CardStatus.Valid => "[bold green]WAŻNA / VALID[/]",
        CardStatus.Invalid => "[bold red]UNIEWAŻNIONA / INVALID[/]",
        CardStatus.Suspended => "[bold red]ZAWIESZONA / SUSPENDED[/]",
        CardStatus.Expired => "[bold red]WYGASŁA / EXPIRED[/]",
        CardStatus.Unreachable => "[bold red]STATUS NIEDOSTĘPNY / status UNREACHABLE[/]",
        CardStatus.Unverifiable => "[bold red]NIE DA SIĘ ZWERYFIKOWAĆ / UNVERIFIABLE[/]",
        CardStatus.NoStatus => "[yellow]BEZ STATUSU / NO STATUS[/]",
    };

    private sealed record CardRow(StoredCredential Credential, CardStatusResult Status);

    private sealed record CardJson(
        string? GivenName,
        string? FamilyName,
        string? School,
        string? ClassName,
        string? DocumentNumber,
        string? ExpiryDate,
        string Status,
        string? StatusDetail,
        string KeyThumbprint,
        string IssuedAt,
        string Issuer,
        string Id);
}
