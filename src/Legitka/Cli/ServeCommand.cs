using System.CommandLine;
using Legitka.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Legitka.Web;

namespace Legitka.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo") { Description = "On an empty database, seed a demo school and one account per role." };
        var urls = new Option<string>("--urls") { Description = "Address to listen on.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve", "Run the web portal, the API and (later) the issuer.") { demo, urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var address = parse.GetValue(urls)!;
            var publicUrlSet = false;
            var app = LegitkaWebApp.Build(CliHost.ConfigurationArgs(parse), builder =>
            {
                publicUrlSet = !string.IsNullOrEmpty(builder.Configuration["Legitka:PublicUrl"]);
                // The demo brings its own mailbox unless the user points it at a real SMTP server.
                if (parse.GetValue(demo) && string.IsNullOrEmpty(builder.Configuration["Smtp:Host"]))
                {
                    builder.Configuration.AddInMemoryCollection(DemoMailbox.SmtpSettings(builder.Configuration.GetValue("Demo:SmtpPort", DemoMailbox.DefaultPort)));
                    builder.Services.AddSingleton<DemoMailbox>();
                    builder.Services.AddHostedService(services => services.GetRequiredService<DemoMailbox>());
                }
            });
            app.Urls.Add(address);
            var seeded = await LegitkaWebApp.PrepareAsync(app, parse.GetValue(demo), ct);
            await app.StartAsync(ct);
            Console.WriteLine($"Legitka is running at {address}");
            var publicUrl = app.Services.GetRequiredService<IOptions<LegitkaOptions>>().Value.PublicUrl;
            Console.WriteLine($"Slips, wallets and e-mail links use {publicUrl} (Legitka:PublicUrl).");
            // Not derived from --urls: the public URL is the issuer's identity, in every slip and credential, and must
            // not move with a listen address (behind a proxy it is another address altogether). Unset, it is only said.
            if (!publicUrlSet && !string.Equals(publicUrl.TrimEnd('/'), address.Split(';')[0].TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"warning: this server listens on {address}, but slips and wallets will be sent to {publicUrl}; "
                    + "set --Legitka:PublicUrl=URL (the address phones reach) before printing slips.");
            }
            if (seeded)
            {
                Console.WriteLine("Demo school seeded. Sign in with any of these (password: " + DemoSeeder.Password + "):");
                if (app.Services.GetService<DemoMailbox>() is not null)
                {
                    Console.WriteLine("E-mails to guardians land in the demo mailbox: sign in as rodzic@legitka.test and open \"Poczta demo\".");
                }

                foreach (var login in DemoSeeder.Logins)
                {
                    Console.WriteLine($"  {login.Email,-34} {login.Role}");
                }
            }
            else if (parse.GetValue(demo))
            {
                Console.WriteLine("The database already holds data, so no demo data was added.");
            }

            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return command;
    }
}
