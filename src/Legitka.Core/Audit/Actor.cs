namespace Legitka.Audit;

/// <summary>Who does something: a portal user, or a command run on the server.</summary>
public sealed record Actor(Guid? UserId, string Name)
{
    public static Actor Cli() => new(null, $"cli:{Environment.UserName}");

    public static readonly Actor System = new(null, "system");
}
